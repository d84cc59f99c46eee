import type { SubmitFunction } from '@sveltejs/kit';

/** A form's "in flight" state for `use:enhance`: disables its button while the server answers. */
export class PendingForm {
	pending = $state(false);

	submit: SubmitFunction = () => {
		this.pending = true;
		return async ({ update }) => {
			try {
				await update();
			} finally {
				this.pending = false;
			}
		};
	};
}
