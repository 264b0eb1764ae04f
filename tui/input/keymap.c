/* Parsing key names: "q", "?", "C-s", "F2" and the names in key_names.
 * A name may stand for several codes (Enter is CR, LF and KEY_ENTER). */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "input/keymap.h"

static const struct {
	const char	*name;
	bool		 fn;
	unsigned	 code;
} key_names[] = {
	{ "Enter",	false,	'\r' },
	{ "Enter",	false,	'\n' },
	{ "Enter",	true,	KEY_ENTER },
	{ "Tab",	false,	'\t' },
	{ "S-Tab",	true,	KEY_BTAB },
	{ "Esc",	false,	27 },
	{ "Space",	false,	' ' },
	{ "BSpace",	true,	KEY_BACKSPACE },
	{ "BSpace",	false,	127 },
	{ "BSpace",	false,	8 },
	{ "Del",	true,	KEY_DC },
	{ "Up",		true,	KEY_UP },
	{ "Down",	true,	KEY_DOWN },
	{ "Left",	true,	KEY_LEFT },
	{ "Right",	true,	KEY_RIGHT },
	{ "Home",	true,	KEY_HOME },
	{ "End",	true,	KEY_END },
	{ "PgUp",	true,	KEY_PPAGE },
	{ "PgDn",	true,	KEY_NPAGE },
};

/* Does one key name (len bytes of a keys string) stand for key? */
static bool
keymap_token_match(const char *tok, size_t len, struct tui_key key)
{
	char	name[16];
	size_t	i;
	long	n;

	if (len == 0 || len >= sizeof name)
		return false;
	memcpy(name, tok, len);
	name[len] = '\0';
	if (len == 1)
		return !key.fn && key.code == (unsigned char)name[0];
	if (len == 3 && name[0] == 'C' && name[1] == '-')
		return !key.fn && key.code == ((unsigned)name[2] & 0x1f);
	if (name[0] == 'F' && name[1] >= '0' && name[1] <= '9') {
		n = strtol(name + 1, NULL, 10);
		return key.fn && key.code == (unsigned)KEY_F(n);
	}
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(key_names[i].name, name) == 0 &&
		    key_names[i].fn == key.fn && key_names[i].code == key.code)
			return true;
	return false;
}

/* True when key is one of the space-separated names in keys. */
bool
tui_keymap_match(const char *keys, struct tui_key key)
{
	const char	*p;
	size_t		 len;

	for (p = keys; *p != '\0'; p += len) {
		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (keymap_token_match(p, len, key))
			return true;
	}
	return false;
}

/* True when key types a character (in a text context it goes into the
 * focused field rather than to a command). */
bool
tui_keymap_is_text(struct tui_key key)
{
	return !key.fn && key.code >= ' ' && key.code != 127 &&
	    iswprint((wint_t)key.code);
}

/*
 * Write keys to buf for display, names separated by spaces. In a text
 * context (text true) single printable characters are left out, since
 * there they type themselves. Returns the length written (0: no key
 * applies). buf is always NUL-terminated when size > 0.
 */
size_t
tui_keymap_format(const char *keys, bool text, char *buf, size_t size)
{
	const char	*p;
	size_t		 len, out = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	for (p = keys; *p != '\0'; p += len) {
		p += strspn(p, " ");
		len = strcspn(p, " ");
		if (len == 0 || (text && len == 1))
			continue;
		out += (size_t)snprintf(buf + out, out < size ? size - out : 0,
		    "%s%.*s", out > 0 ? " " : "", (int)len, p);
		if (out >= size) {
			out = size - 1;
			break;
		}
	}
	return out;
}
