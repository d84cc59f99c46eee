/** The one way API endpoints authenticate (Bearer or session) and answer errors (`{ message }`). */
export { HttpError, notFound } from './http-error';
export { answerErrors, callerOf, errorJson, idParam, jsonRoute, readJsonObject, type RouteCaller, type RouteEvent, type RouteOptions } from './json-route';
