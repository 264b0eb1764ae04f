/* Money: integer paise and the one GST function (SPEC §6.2). Never
 * floating point. */
#ifndef PROTO_MONEY_H
#define PROTO_MONEY_H

#include <stddef.h>
#include <stdint.h>

struct proto_money_totals {
	int64_t	subtotal;
	int64_t	gst;
	int64_t	total;
	int64_t	cgst;
	int64_t	sgst;
};

/* GST of one line, half-up: (amount × percent + 50) / 100. amount >= 0,
 * percent 0..100. */
int64_t	proto_money_gst(int64_t amount, int percent);
/* Totals of n line amounts at percent; line_gst (may be NULL) receives
 * each line's GST. */
void	proto_money_totals(const int64_t *amounts, size_t n, int percent,
	    int64_t *line_gst, struct proto_money_totals *);
/* "1770.00" into buf (>= 24 bytes); returns buf. */
char	*proto_money_format(int64_t paise, char *buf, size_t len);
/* Parse "1770", "1770.5" or "1770.50" (at most two places); -1 if not. */
int	proto_money_parse(const char *, int64_t *paise);

#endif
