import { describe, expect, it } from 'vitest';
import { formatDuration, formatMb, formatSpeed, formatUtc } from '$lib/format';
import { secondsLeft, SpeedMeter } from '$lib/uploader/progress';

const MB = 1024 * 1024;

describe('SpeedMeter', () => {
	it('is 0 until two samples span some time', () => {
		const meter = new SpeedMeter(8000);
		expect(meter.bytesPerSecond()).toBe(0);
		meter.sample(1000, 0);
		expect(meter.bytesPerSecond()).toBe(0);
	});

	it('is bytes over seconds across the window', () => {
		const meter = new SpeedMeter(8000);
		meter.sample(0, 0);
		meter.sample(500, 1 * MB);
		meter.sample(2000, 4 * MB);
		expect(meter.bytesPerSecond()).toBe(2 * MB);
	});

	it('forgets samples older than the window, so it follows a slowdown', () => {
		const meter = new SpeedMeter(4000);
		// 10 MB/s for 10 s, then 1 MB/s for 10 s.
		for (let t = 0; t <= 10; t++) meter.sample(t * 1000, t * 10 * MB);
		for (let t = 11; t <= 20; t++) meter.sample(t * 1000, 100 * MB + (t - 10) * MB);
		expect(meter.bytesPerSecond()).toBe(1 * MB);
	});
});

describe('secondsLeft', () => {
	it('is remaining bytes over speed, rounded up', () => {
		expect(secondsLeft(10 * MB, 4 * MB)).toBe(3);
		expect(secondsLeft(0, 0)).toBe(0);
		expect(secondsLeft(5 * MB, 0)).toBeNull();
	});
});

describe('formatting', () => {
	it('writes durations, sizes, speeds and UTC times', () => {
		expect([null, 45, 60, 185, 3600, 4320].map(formatDuration)).toEqual([
			'—',
			'45 s',
			'1 min',
			'3 min 5 s',
			'1 h',
			'1 h 12 min'
		]);
		expect(formatMb(4152960)).toBe('4.0 MB');
		expect(formatMb(12 * 4152960)).toBe('48 MB');
		expect(formatSpeed(2.5 * MB)).toBe('2.5 MB/s');
		expect(formatUtc(Date.UTC(2024, 6, 30, 22, 44, 36, 512))).toBe('2024-07-30 22:44:36');
	});
});
