/* Signing in and out and keeping the access token fresh: the requests
 * sent for each step and how each reply changes the model. */
#ifndef TUI_AUTH_H
#define TUI_AUTH_H

#include <time.h>

struct tui_app;
struct tui_rest_res;

int	tui_auth_sign_in(struct tui_app *);
int	tui_auth_sign_out(struct tui_app *);
int	tui_auth_renew(struct tui_app *);
int	tui_auth_tick(struct tui_app *, time_t);
int	tui_auth_login_done(struct tui_app *, const struct tui_rest_res *);
int	tui_auth_me_done(struct tui_app *, const struct tui_rest_res *);
int	tui_auth_refresh_done(struct tui_app *, const struct tui_rest_res *);
int	tui_auth_logout_done(struct tui_app *, const struct tui_rest_res *);

#endif
