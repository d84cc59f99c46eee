import { describe, expect, test } from 'vitest';
import { DatabaseSetupError, parseDatabaseUrl } from '../../../scripts/migrate.js';

describe('parseDatabaseUrl', () => {
	test('splits host, port and database, and keeps credentials for the server URL', () => {
		expect(parseDatabaseUrl('mysql://crowd:s3cret@db.example:3307/crowdsky')).toEqual({
			host: 'db.example',
			port: 3307,
			database: 'crowdsky',
			serverUrl: 'mysql://crowd:s3cret@db.example:3307/'
		});
	});

	test('defaults the port to 3306 and accepts mariadb://', () => {
		expect(parseDatabaseUrl('mariadb://root@127.0.0.1/crowdsky')).toMatchObject({
			port: 3306,
			serverUrl: 'mysql://root@127.0.0.1/'
		});
	});

	test.each([
		['not a url', /is not a URL: "not a url"/],
		['postgres://root@127.0.0.1/crowdsky', /must start with mysql:\/\/ or mariadb:\/\/, got "postgres:\/\/"/],
		['mysql://root@127.0.0.1:3306/', /names database "": use 1-64 letters/],
		['mysql://root@127.0.0.1:3306/crowd-sky', /names database "crowd-sky"/],
		['mysql://root@127.0.0.1:3306/x%60%3B%20DROP', /names database "x`; DROP"/]
	])('refuses %s with a message naming the bad value', (url, message) => {
		expect(() => parseDatabaseUrl(url)).toThrow(DatabaseSetupError);
		expect(() => parseDatabaseUrl(url)).toThrow(message);
	});
});
