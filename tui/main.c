/* revcare-tui: the RevCare terminal client. Reads the command line and
 * the environment, sets up the locale and libcurl, and runs the app. */
#include <curl/curl.h>
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "app.h"

#define MAIN_DEFAULT_SERVER	"http://127.0.0.1:8000"

static void
main_usage(FILE *f)
{
	fprintf(f,
	    "usage: revcare-tui [--server URL] [--user PHONE]\n"
	    "\n"
	    "The RevCare terminal client.\n"
	    "\n"
	    "  -s, --server URL   server to talk to (default $REVCARE_SERVER,\n"
	    "                     else " MAIN_DEFAULT_SERVER ")\n"
	    "  -u, --user PHONE   phone number to prefill on the sign-in "
	    "form\n"
	    "  -h, --help         show this help and exit\n"
	    "  -V, --version      show the version and exit\n"
	    "\n"
	    "Press F1 (or ? outside a form) in the client for its keys.\n"
	    "NO_COLOR=1 turns colours off.\n");
}

int
main(int argc, char **argv)
{
	static const struct option	 longopts[] = {
		{ "server",	required_argument,	NULL, 's' },
		{ "user",	required_argument,	NULL, 'u' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct tui_options		 opt;
	const char			*env;
	int				 ch, rc;

	setlocale(LC_ALL, "");
	env = getenv("REVCARE_SERVER");
	opt.server = env != NULL && *env != '\0' ? env : MAIN_DEFAULT_SERVER;
	opt.user = NULL;
	for (;;) {
		ch = getopt_long(argc, argv, "s:u:hV", longopts, NULL);
		if (ch == -1)
			break;
		switch (ch) {
		case 's':
			opt.server = optarg;
			break;
		case 'u':
			opt.user = optarg;
			break;
		case 'h':
			main_usage(stdout);
			return 0;
		case 'V':
			printf("revcare-tui %s\n", REVCARE_VERSION);
			return 0;
		default:
			main_usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "revcare-tui: unexpected argument \"%s\"\n",
		    argv[optind]);
		main_usage(stderr);
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		fprintf(stderr, "revcare-tui: cannot initialise libcurl\n");
		return 1;
	}
	rc = tui_app_run(&opt);
	curl_global_cleanup();
	return rc;
}
