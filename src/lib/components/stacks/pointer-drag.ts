/**
 * Pointer handling shared by the map and the timeline: a press that moves less than CLICK_SLOP
 * pixels is a click (tap); otherwise a drag reported from start to the current point.
 */
export const CLICK_SLOP = 4;

export interface DragHandlers {
	move(x: number, y: number): void;
	drag(x0: number, y0: number, x1: number, y1: number): void;
	end(x0: number, y0: number, x1: number, y1: number): void;
	click(x: number, y: number): void;
	leave(): void;
}

export function pointerDrag(node: Element, handlers: () => DragHandlers) {
	let start: { x: number; y: number; id: number } | null = null;
	let dragging = false;
	const local = (e: PointerEvent) => {
		const r = node.getBoundingClientRect();
		return { x: e.clientX - r.left, y: e.clientY - r.top };
	};
	const down = (e: PointerEvent) => {
		if (e.button !== 0) return;
		const p = local(e);
		start = { ...p, id: e.pointerId };
		dragging = false;
		node.setPointerCapture(e.pointerId);
	};
	const move = (e: PointerEvent) => {
		const p = local(e);
		if (!start || start.id !== e.pointerId) return handlers().move(p.x, p.y);
		if (!dragging && Math.hypot(p.x - start.x, p.y - start.y) >= CLICK_SLOP) dragging = true;
		if (dragging) handlers().drag(start.x, start.y, p.x, p.y);
	};
	const up = (e: PointerEvent) => {
		if (!start || start.id !== e.pointerId) return;
		const p = local(e);
		if (dragging) handlers().end(start.x, start.y, p.x, p.y);
		else handlers().click(p.x, p.y);
		start = null;
		dragging = false;
	};
	const cancel = () => {
		start = null;
		dragging = false;
	};
	const leave = () => {
		if (!start) handlers().leave();
	};
	const listeners = { pointerdown: down, pointermove: move, pointerup: up, pointercancel: cancel, pointerleave: leave };
	for (const [type, fn] of Object.entries(listeners)) node.addEventListener(type, fn as EventListener);
	return {
		destroy() {
			for (const [type, fn] of Object.entries(listeners)) node.removeEventListener(type, fn as EventListener);
		}
	};
}
