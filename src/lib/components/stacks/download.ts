/** Saves a fetched response as a file in the browser, named by its Content-Disposition or `fallback`. */
export async function saveResponse(response: Response, fallback: string): Promise<void> {
	const disposition = response.headers.get('content-disposition') ?? '';
	const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallback;
	const url = URL.createObjectURL(await response.blob());
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The server's `{ message }`, or the status when the body is not JSON. */
export async function errorMessage(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { message?: unknown };
		if (typeof body.message === 'string') return body.message;
	} catch {
		// not JSON
	}
	return `the server answered ${response.status} ${response.statusText}`;
}
