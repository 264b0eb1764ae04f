/* GST arithmetic and rupee strings in integer paise. */
#include <ctype.h>
#include <stdio.h>

#include "money.h"

int64_t
proto_money_gst(int64_t amount, int percent)
{
	return (amount * percent + 50) / 100;
}

void
proto_money_totals(const int64_t *amounts, size_t n, int percent,
    int64_t *line_gst, struct proto_money_totals *t)
{
	size_t	i;
	int64_t	g;

	t->subtotal = t->gst = 0;
	for (i = 0; i < n; i++) {
		g = proto_money_gst(amounts[i], percent);
		if (line_gst != NULL)
			line_gst[i] = g;
		t->subtotal += amounts[i];
		t->gst += g;
	}
	t->total = t->subtotal + t->gst;
	t->cgst = (t->gst + 1) / 2;
	t->sgst = t->gst - t->cgst;
}

char *
proto_money_format(int64_t paise, char *buf, size_t len)
{
	const char	*sign = paise < 0 ? "-" : "";
	int64_t		 a = paise < 0 ? -paise : paise;

	snprintf(buf, len, "%s%lld.%02lld", sign, (long long)(a / 100),
	    (long long)(a % 100));
	return buf;
}

int
proto_money_parse(const char *s, int64_t *paise)
{
	int64_t	whole = 0;
	int	frac = 0, places = 0, digits = 0;

	for (; isdigit((unsigned char)*s); s++) {
		if (++digits > 13)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++) {
			if (++places > 2)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
	}
	if (*s != '\0' || digits == 0)
		return -1;
	if (places == 1)
		frac *= 10;
	*paise = whole * 100 + frac;
	return 0;
}
