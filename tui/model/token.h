/* Reading a JWT's payload on the client: only its expiry, for scheduling
 * the refresh. The server verifies tokens; the client never does. */
#ifndef TUI_MODEL_TOKEN_H
#define TUI_MODEL_TOKEN_H

#include <time.h>

int	tui_token_exp(const char *, time_t *);

#endif
