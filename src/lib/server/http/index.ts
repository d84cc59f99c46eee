/** The one way API endpoints authenticate (Bearer or session), read requests and the client's address, and answer errors (`{ message }`). */
export { ApiError, notFound } from './api-error';
export { clientAddress, type AddressedEvent } from './client-address';
export { callerIsLive, callerOf, sessionCallerOf, type Caller, type RouteEvent } from './caller';
export { answerErrors, errorJson, jsonRoute, type RouteOptions } from './json-route';
export { INT_UNSIGNED_MAX, wholeNumber } from './numbers';
export { discardBody, idParam, readBodyLimited, readForm, readJson, readJsonObject } from './request';
