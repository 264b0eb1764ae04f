/* Logging to stderr, one line per call, safe from any thread. */
#ifndef BK_LOG_H
#define BK_LOG_H

void	bk_log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	bk_log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	bk_log_error(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
