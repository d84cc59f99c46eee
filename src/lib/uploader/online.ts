/** Resolves at once when the browser thinks it is online, else at its next 'online' event. */
export function whenOnline(): Promise<void> {
	if (typeof navigator === 'undefined' || navigator.onLine) return Promise.resolve();
	return new Promise((resolve) => window.addEventListener('online', () => resolve(), { once: true }));
}
