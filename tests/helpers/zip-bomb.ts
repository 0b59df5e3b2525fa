import { constants, crc32, deflateRawSync } from 'node:zlib';

/** DEFLATE data for `bytes` zeros: about a thousandth of that, the most DEFLATE can shrink. */
export function deflatedZeros(bytes: number): Uint8Array {
	// Buffer.alloc's zeros are the kernel's shared zero page until written: cheap even at 1 GiB.
	return deflateRawSync(Buffer.alloc(bytes), { level: constants.Z_BEST_COMPRESSION });
}

export interface RawEntry {
	name: string;
	/** The stored bytes: DEFLATE data when `method` is 8, the content when 0. */
	data: Uint8Array;
	method: 0 | 8;
	/** What the local and central headers claim the content's size is (a lie, for a bomb). */
	claimedSize: number;
	/** The content's CRC-32 as the headers claim it. */
	crc?: number;
}

/** An entry stored as-is, with honest headers. */
export const storedEntry = (name: string, data: Uint8Array): RawEntry => ({
	name,
	data,
	method: 0,
	claimedSize: data.length,
	crc: crc32(data)
});

/**
 * A zip written byte by byte, so that its headers can say whatever a test needs: an entry that
 * claims 1 KiB and inflates to 256 MiB is what an attacker uploads, and no zip library writes it.
 */
export function rawZip(entries: RawEntry[]): Uint8Array {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const entry of entries) {
		const name = Buffer.from(entry.name, 'utf8');
		const fields = (header: Buffer, at: number) => {
			header.writeUInt16LE(20, at); // version needed
			header.writeUInt16LE(0x0800, at + 2); // UTF-8 names
			header.writeUInt16LE(entry.method, at + 4);
			header.writeUInt32LE(0, at + 6); // time and date
			header.writeUInt32LE(entry.crc ?? 0, at + 10);
			header.writeUInt32LE(entry.data.length, at + 14);
			header.writeUInt32LE(entry.claimedSize, at + 18);
			header.writeUInt16LE(name.length, at + 22);
			header.writeUInt16LE(0, at + 24); // extra length
		};
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		fields(local, 4);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4); // version made by
		fields(central, 6);
		central.writeUInt32LE(offset, 42);
		locals.push(local, name, Buffer.from(entry.data));
		centrals.push(central, name);
		offset += local.length + name.length + entry.data.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}
