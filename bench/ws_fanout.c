/*
 * ws_fanout: the live stream's fan-out under load. N WebSocket clients
 * (admins: each sees every event) subscribe to one revcared; a producer
 * thread commits events at a fixed rate, each in its own transaction with
 * its NOTIFY, exactly as the server writes them; the clients record when
 * each event arrives. Prints the commit-to-client latency (p50, p99, max;
 * "commit" = the moment COMMIT returned to the producer) and the events
 * lost, duplicated or out of order over all sockets.
 *
 *	ws_fanout --server http://127.0.0.1:8000 --pgurl postgresql://... \
 *	    [--sockets 1000] [--rate 100] [--seconds 10] [--user PHONE]
 *
 * The password comes from REVCARE_PASSWORD (default: the development
 * sample's). bench/ws_fanout.sh builds it and runs it on a test stack.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <libpq-fe.h>

#include "event.h"
#include "wsclient.h"

/* The run's settings and results; the producer writes commit_us and
 * nproduced (atomics), the main thread everything else. */
struct bench {
	const char	*server;
	const char	*pgurl;
	const char	*user;
	const char	*password;
	int		 sockets;
	int		 rate;
	int		 seconds;
	int		 nevents;
	long		 booking;
	int64_t		*seq;		/* seq of event i */
	int64_t		*commit_us;	/* when event i's COMMIT returned */
	int		 nproduced;
	int64_t		*recv_us;	/* [socket * nevents + i], 0: not yet */
	int64_t		*last;		/* last seq per socket */
	long		 dups, disorder;
};

static int64_t
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
die(const char *what)
{
	fprintf(stderr, "ws_fanout: %s\n", what);
	exit(1);
}

/* ---- set-up ------------------------------------------------------------- */

static size_t
collect(char *data, size_t size, size_t n, void *arg)
{
	char	**b = arg;
	size_t	  old = *b != NULL ? strlen(*b) : 0;

	*b = realloc(*b, old + size * n + 1);
	memcpy(*b + old, data, size * n);
	(*b)[old + size * n] = '\0';
	return size * n;
}

static char *
login(const struct bench *b)
{
	CURL		*c = curl_easy_init();
	char		 url[512], form[256], *body = NULL, *tok = NULL;
	cJSON		*doc;
	const cJSON	*t;

	snprintf(url, sizeof url, "%s/api/v1/auth/login", b->server);
	snprintf(form, sizeof form, "username=%s&password=%s", b->user,
	    b->password);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, form);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
	if (curl_easy_perform(c) != CURLE_OK || body == NULL)
		die("cannot log in");
	doc = cJSON_Parse(body);
	t = cJSON_GetObjectItemCaseSensitive(doc, "access_token");
	if (cJSON_IsString(t))
		tok = strdup(t->valuestring);
	cJSON_Delete(doc);
	free(body);
	curl_easy_cleanup(c);
	if (tok == NULL)
		die("login refused");
	return tok;
}

static PGresult *
pg_exec(PGconn *pg, const char *sql)
{
	PGresult	*res = PQexec(pg, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK &&
	    PQresultStatus(res) != PGRES_COMMAND_OK) {
		fprintf(stderr, "%s\n", PQresultErrorMessage(res));
		die("SQL failed");
	}
	return res;
}

/* A booking of a fresh customer, made with SQL, to hang the events on. */
static long
make_booking(PGconn *pg)
{
	PGresult	*res;
	char		 sql[2048];
	long		 phone, id;

	phone = 6100000000L + (long)(now_us() % 800000000L);
	snprintf(sql, sizeof sql, "WITH u AS (INSERT INTO users (id, role_id,"
	    " phone, password) SELECT revcare_next_user_id('CST',"
	    " 'customer_seq'), 3, %ld, password FROM users WHERE role_id = 3"
	    " LIMIT 1 RETURNING id),"
	    " c AS (INSERT INTO customers (id, name, email) SELECT id,"
	    " 'Bench %ld', 'bench%ld@example.test' FROM u RETURNING id),"
	    " car AS (INSERT INTO customer_cars (reg_number, reg_number_norm,"
	    " car_model_id, customer_id) SELECT 'BN %ld', 'BN%ld', 1, id FROM c"
	    " RETURNING id, customer_id),"
	    " ad AS (INSERT INTO addresses (customer_id, line1, area_id)"
	    " SELECT id, '1 Bench Road', 1 FROM c RETURNING id)"
	    " INSERT INTO bookings (customer_id, customer_car_id,"
	    " car_reg_number, status_id, pickup_address_id, pickup_date,"
	    " pickup_timeslot_id, drop_address_id, drop_date,"
	    " drop_timeslot_id, promised_at, created_by)"
	    " SELECT car.customer_id, car.id, 'BN %ld', 1, ad.id,"
	    " current_date + 1, 1, ad.id, current_date + 5, 2,"
	    " now() + interval '5 days', car.customer_id FROM car, ad"
	    " RETURNING id", phone, phone, phone, phone, phone, phone);
	res = pg_exec(pg, sql);
	id = strtol(PQgetvalue(res, 0, 0), NULL, 10);
	PQclear(res);
	return id;
}

/* Open, authenticate and subscribe every socket from the head. */
static struct wsc *
open_sockets(struct bench *b, const char *token)
{
	struct wsc		*w = calloc((size_t)b->sockets, sizeof *w);
	struct proto_msg	 m;
	enum proto_msg_err	 why;
	char			*text, msg[4096];
	int			 i, fl;

	for (i = 0; i < b->sockets; i++) {
		if (wsc_open(&w[i], b->server, PROTO_WS_PATH, 0) != 0)
			die("cannot open a socket (file limit?)");
		snprintf(msg, sizeof msg,
		    "{\"type\":\"auth\",\"token\":\"%s\"}", token);
		wsc_send(&w[i], msg);
	}
	for (i = 0; i < b->sockets; i++) {
		if (wsc_recv(&w[i], &text, 10000) != 1 ||
		    proto_msg_parse(text, strlen(text), &m, &why) != 0 ||
		    m.type != PROTO_MSG_AUTH_OK)
			die("authentication failed");
		free(text);
		snprintf(msg, sizeof msg, "{\"type\":\"subscribe\",\"since\":"
		    "%" PRId64 "}", m.head);
		proto_msg_cleanup(&m);
		wsc_send(&w[i], msg);
	}
	for (i = 0; i < b->sockets; i++) {
		if (wsc_recv(&w[i], &text, 10000) != 1 ||
		    strstr(text, "\"subscribed\"") == NULL)
			die("subscription failed");
		free(text);
		fl = fcntl(w[i].fd, F_GETFL);
		fcntl(w[i].fd, F_SETFL, fl | O_NONBLOCK);
	}
	return w;
}

/* ---- producing --------------------------------------------------------- */

/*
 * Commit the events at the rate. Each carries the booking's summary, read
 * once up front: what is measured is the fan-out, not the summary query
 * a real change runs (the server's handlers pay that, not the stream).
 */
static void *
producer(void *arg)
{
	struct bench	*b = arg;
	PGconn		*pg = PQconnectdb(b->pgurl);
	PGresult	*res;
	int64_t		 start, due;
	char		 sql[128], idx[16], bid[24], *summary;
	const char	*p[3];
	int		 i;

	if (PQstatus(pg) != CONNECTION_OK)
		die("producer cannot connect");
	snprintf(sql, sizeof sql, "SELECT revcare_booking_summary(%ld)",
	    b->booking);
	res = pg_exec(pg, sql);
	summary = strdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	snprintf(bid, sizeof bid, "%ld", b->booking);
	start = now_us();
	for (i = 0; i < b->nevents; i++) {
		due = start + (int64_t)i * 1000000 / b->rate;
		while (now_us() < due)
			usleep((useconds_t)(due - now_us()));
		snprintf(idx, sizeof idx, "%d", i);
		p[0] = bid;
		p[1] = idx;
		p[2] = summary;
		res = PQexecParams(pg, "WITH e AS (INSERT INTO booking_events"
		    " (kind, booking_id, actor, audience, payload) VALUES"
		    " ('eta_risk', $1::int, 'system', '{}', jsonb_build_object("
		    "'data', jsonb_build_object('i', $2::int), 'booking',"
		    " $3::jsonb)) RETURNING seq) SELECT seq,"
		    " pg_notify('revcare_events', seq::text) FROM e", 3, NULL,
		    p, NULL, NULL, 0);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			die(PQresultErrorMessage(res));
		b->seq[i] = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		PQclear(res);
		__atomic_store_n(&b->commit_us[i], now_us(), __ATOMIC_RELEASE);
		__atomic_store_n(&b->nproduced, i + 1, __ATOMIC_RELEASE);
	}
	free(summary);
	PQfinish(pg);
	return NULL;
}

/* ---- consuming --------------------------------------------------------- */

/* The integer after "key" in a JSON text (the server writes "key" : n). */
static int64_t
json_int(const char *text, const char *key)
{
	const char	*p = strstr(text, key);

	if (p == NULL)
		return -1;
	p += strlen(key);
	while (*p == ' ' || *p == ':')
		p++;
	return strtoll(p, NULL, 10);
}

static void
take(struct bench *b, int s, const char *text, int64_t at)
{
	int64_t	 seq, idx;

	if (strstr(text, "\"event\"") == NULL)
		return;
	if (json_int(text, "\"booking_id\"") != b->booking)
		return;
	seq = json_int(text, "\"seq\"");
	if (seq <= b->last[s])
		b->disorder++;
	b->last[s] = seq;
	idx = json_int(text, "\"i\"");	/* the producer's number */
	if (idx < 0 || idx >= b->nevents)
		return;
	if (b->recv_us[(long)s * b->nevents + idx] != 0)
		b->dups++;
	else
		b->recv_us[(long)s * b->nevents + idx] = at;
}

static void
consume(struct bench *b, struct wsc *w, int64_t until_us)
{
	struct pollfd	*pfd = calloc((size_t)b->sockets, sizeof *pfd);
	char		*text;
	int		 i, n;
	int64_t		 at;

	for (i = 0; i < b->sockets; i++) {
		pfd[i].fd = w[i].fd;
		pfd[i].events = POLLIN;
	}
	while (now_us() < until_us) {
		n = poll(pfd, (nfds_t)b->sockets, 100);
		if (n <= 0)
			continue;
		at = now_us();
		for (i = 0; i < b->sockets; i++) {
			if (pfd[i].revents == 0)
				continue;
			while (wsc_fill(&w[i]) > 0)
				;
			while (wsc_next(&w[i], &text) == 1) {
				take(b, i, text, at);
				free(text);
			}
		}
	}
	free(pfd);
}

static int
cmp64(const void *a, const void *b)
{
	int64_t	x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* How long one event takes to reach all sockets: first to last arrival,
 * p50 and p99 over the events (lat is scratch space). */
static void
report_spread(struct bench *b, int64_t *lat)
{
	int64_t	 lo, hi, v;
	long	 e, s, n = 0;

	for (e = 0; e < b->nevents; e++) {
		lo = INT64_MAX;
		hi = 0;
		for (s = 0; s < b->sockets; s++) {
			v = b->recv_us[s * b->nevents + e];
			if (v == 0)
				continue;
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		if (hi > 0)
			lat[n++] = hi - lo;
	}
	if (n == 0)
		return;
	qsort(lat, (size_t)n, sizeof *lat, cmp64);
	printf("one event, first to last socket: p50 %.2f ms, p99 %.2f ms\n",
	    lat[n / 2] / 1000.0, lat[(long)((double)n * 0.99)] / 1000.0);
}

static void
report(struct bench *b)
{
	long	 total = (long)b->sockets * b->nevents, got = 0, i;
	int64_t	*lat = malloc(sizeof *lat * (size_t)total), d;

	for (i = 0; i < total; i++) {
		if (b->recv_us[i] == 0)
			continue;
		d = b->recv_us[i] - __atomic_load_n(&b->commit_us[i %
		    b->nevents], __ATOMIC_ACQUIRE);
		lat[got++] = d > 0 ? d : 0;
	}
	qsort(lat, (size_t)got, sizeof *lat, cmp64);
	printf("sockets %d, %d events at %d/s: %ld deliveries expected, %ld "
	    "received\n", b->sockets, b->nevents, b->rate, total, got);
	if (got > 0)
		printf("commit-to-client latency: p50 %.2f ms, p99 %.2f ms, "
		    "max %.2f ms\n", lat[got / 2] / 1000.0,
		    lat[(long)((double)got * 0.99)] / 1000.0,
		    lat[got - 1] / 1000.0);
	printf("lost %ld, duplicated %ld, out of order %ld\n", total - got,
	    b->dups, b->disorder);
	report_spread(b, lat);
	free(lat);
}

static void
bench_options(struct bench *b, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "pgurl", required_argument, NULL, 'g' },
		{ "user", required_argument, NULL, 'u' },
		{ "sockets", required_argument, NULL, 'n' },
		{ "rate", required_argument, NULL, 'r' },
		{ "seconds", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 }
	};
	int	c;

	b->user = "9841385379";
	b->password = getenv("REVCARE_PASSWORD") != NULL ?
	    getenv("REVCARE_PASSWORD") : "Sk18102004.";
	b->sockets = 100;
	b->rate = 100;
	b->seconds = 10;
	while ((c = getopt_long(argc, argv, "s:g:u:n:r:t:", opts, NULL)) != -1)
		switch (c) {
		case 's': b->server = optarg; break;
		case 'g': b->pgurl = optarg; break;
		case 'u': b->user = optarg; break;
		case 'n': b->sockets = atoi(optarg); break;
		case 'r': b->rate = atoi(optarg); break;
		case 't': b->seconds = atoi(optarg); break;
		default: die("bad option");
		}
	if (b->server == NULL || b->pgurl == NULL || b->sockets < 1 ||
	    b->rate < 1 || b->seconds < 1)
		die("usage: ws_fanout --server URL --pgurl URL [--sockets N] "
		    "[--rate R] [--seconds S] [--user PHONE]");
}

int
main(int argc, char **argv)
{
	struct bench	 b = { 0 };
	struct rlimit	 rl;
	struct wsc	*w;
	pthread_t	 th;
	PGconn		*pg;
	char		*token;
	int		 i;

	bench_options(&b, argc, argv);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	b.nevents = b.rate * b.seconds;
	b.seq = calloc((size_t)b.nevents, sizeof *b.seq);
	b.commit_us = calloc((size_t)b.nevents, sizeof *b.commit_us);
	b.recv_us = calloc((size_t)b.sockets * (size_t)b.nevents,
	    sizeof *b.recv_us);
	b.last = calloc((size_t)b.sockets, sizeof *b.last);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	pg = PQconnectdb(b.pgurl);
	if (PQstatus(pg) != CONNECTION_OK)
		die("cannot connect to PostgreSQL");
	b.booking = make_booking(pg);
	PQfinish(pg);
	token = login(&b);
	w = open_sockets(&b, token);
	fprintf(stderr, "%d sockets live; producing %d events\n", b.sockets,
	    b.nevents);
	pthread_create(&th, NULL, producer, &b);
	consume(&b, w, now_us() + (int64_t)(b.seconds + 5) * 1000000);
	pthread_join(th, NULL);
	report(&b);
	for (i = 0; i < b.sockets; i++)
		wsc_free(&w[i]);
	free(w);
	free(token);
	curl_global_cleanup();
	return 0;
}
