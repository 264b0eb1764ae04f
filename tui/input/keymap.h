/* Key names: the strings in the command table ("Enter C-s F2") matched
 * against key presses and formatted for the help screen. */
#ifndef TUI_INPUT_KEYMAP_H
#define TUI_INPUT_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* A key press: a curses KEY_* code when fn, else a character (a control
 * character for C-x). Kept apart because wide characters and KEY_* codes
 * share the same numbers. */
struct tui_key {
	bool		fn;
	unsigned	code;
};

bool	tui_keymap_match(const char *, struct tui_key);
bool	tui_keymap_is_text(struct tui_key);
size_t	tui_keymap_format(const char *, bool, char *, size_t);

#endif
