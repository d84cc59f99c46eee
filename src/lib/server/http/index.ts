/** The one way API endpoints authenticate (Bearer or session) and answer errors (`{ message }`). */
export { HttpError, notFound } from './http-error';
export { callerOf, errorJson, idParam, jsonRoute, readJsonObject, type RouteCaller, type RouteEvent, type RouteOptions } from './json-route';
