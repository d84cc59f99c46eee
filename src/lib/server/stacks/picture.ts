import { makePicture } from '$lib/picture';
import { picturePath, stackStorage } from '$lib/server/storage';
import { InFlight } from '$lib/util/in-flight';
import { stackColourStars } from './colour-stars';
import { picturePng } from './picture-png';
import { readStackPlanes } from './stack-planes';
import type { StackRow } from './stack-row';
import { storedBytes } from './stored-bytes';

const making = new InFlight<string, string>();

/**
 * Where the stack's picture is stored. Intake makes it; a stack stored before pictures existed
 * gets it on the first request, made from its FITS (colour-calibrated on the catalogue when the
 * sweep has solved it since) and stored beside it (requests meanwhile share that one making).
 */
export async function storedPicture(row: StackRow): Promise<string> {
	const path = picturePath(row.storagePath);
	const storage = stackStorage();
	if (await storage.stat(path)) return path;
	return making.get(path, async () => {
		const planes = readStackPlanes(await storedBytes(row.storagePath));
		const colourStars = await stackColourStars(planes.header, planes.width, planes.height);
		await storage.put(path, picturePng(makePicture({ ...planes, colourStars })));
		return path;
	});
}
