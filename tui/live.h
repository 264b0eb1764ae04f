/* The live event stream as the UI thread sees it: started once the first
 * board snapshot is in (it subscribes from that snapshot's seq), handed
 * renewed tokens, stopped at sign-out; what the stream thread posts
 * (events, its state, resync, a refused token) applied to the model. */
#ifndef TUI_LIVE_H
#define TUI_LIVE_H

struct tui_app;
struct tui_msg;

void	tui_live_snapshot(struct tui_app *);
void	tui_live_stop(struct tui_app *);
void	tui_live_token(struct tui_app *);
int	tui_live_message(struct tui_app *, struct tui_msg *);

#endif
