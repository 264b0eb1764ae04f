/* Timestamped log lines on stderr. A single fprintf per line keeps lines
 * from different threads whole (stdio locks the stream per call). */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>

#include "log.h"

static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char		 msg[2048], stamp[32];
	struct timespec	 ts;
	struct tm	 tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	vsnprintf(msg, sizeof msg, fmt, ap);
	fprintf(stderr, "%s.%03ldZ %s %s\n", stamp, ts.tv_nsec / 1000000L,
	    level, msg);
}

void
bk_log_info(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}

void
bk_log_warn(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("warn", fmt, ap);
	va_end(ap);
}

void
bk_log_error(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}
