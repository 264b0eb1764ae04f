/* One booking in full, for the detail screen: GET /bookings/{id} and its
 * /progress, /analysis and /events, each parsed on arrival. Also the
 * cancellation fee of SPEC §5.13 as the client can work it out before
 * asking. Pure state, owned by the UI thread. */
#ifndef TUI_MODEL_DETAIL_H
#define TUI_MODEL_DETAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "model/events.h"

struct tui_place {
	char	 date[11];
	char	*timeslot;
	char	*line1;
	char	*line2;
	char	*area;
	long	 pincode;
};

struct tui_bservice {
	long	 id;
	char	*title;
	long	 category_id;
	char	*category;
	char	*status;		/* booked, confirmed */
	int64_t	 est_price;		/* paise, -1 unknown */
	int64_t	 price;			/* quoted, -1 none yet */
	bool	 completed;
};

struct tui_reco {
	long	 service_id;
	char	*title;
	int64_t	 price;
	bool	 selected;
};

struct tui_progress {
	long	 id;
	char	*status;
	char	*description;
	char	**images;
	size_t	 nimages;
	char	*mech_id;
	char	*mech_name;
	bool	 validated;
	long	*done;			/* completed_service_ids */
	size_t	 ndone;
	time_t	 created_at;
	time_t	 validated_at;
};

struct tui_quote {
	long	 service_id;
	char	*title;
	int64_t	 est_price;
	int64_t	 price;
	char	*status;
};

struct tui_analysis {
	bool			 present;
	char			*mech_id;
	char			*mech_name;
	char			*description;
	char			*recommendation;
	char			**images;
	size_t			 nimages;
	bool			 validated;
	time_t			 created_at;
	struct tui_quote	*quotes;
	size_t			 nquotes;
	struct tui_reco		*recs;
	size_t			 nrecs;
	int			 gst_percent;	/* -1 unknown */
	int64_t			 subtotal;
	int64_t			 gst;
	int64_t			 total;
};

/* The parts of a detail, as bits of `pending` while they load. */
#define TUI_DETAIL_BOOKING	0x01
#define TUI_DETAIL_PROGRESS	0x02
#define TUI_DETAIL_ANALYSIS	0x04
#define TUI_DETAIL_EVENTS	0x08
#define TUI_DETAIL_ALL		0x0f

struct tui_detail {
	long			 id;		/* 0: none opened */
	unsigned		 pending;	/* parts in flight */
	unsigned		 have;		/* parts arrived */
	char			 error[256];	/* why the booking failed */
	int64_t			 asked_seq;	/* board seq when last asked */
	int64_t			 stale_seq;	/* a live event about it */
	int			 top;		/* first line shown */
	/* GET /bookings/{id} */
	char			*status;
	int			 status_id;
	char			*cust_name;
	char			*cust_id;
	char			*cust_phone;
	char			*cust_email;
	char			*car_make;
	char			*car_model;
	char			*car_reg;
	struct tui_place	 pickup;
	struct tui_place	 drop;
	struct tui_bservice	*services;
	size_t			 nservices;
	struct tui_reco		*recs;
	size_t			 nrecs;
	int64_t			 total_est;
	int64_t			 total_final;
	char			*payment_method;
	time_t			 created_at;
	time_t			 updated_at;
	time_t			 completed_at;
	time_t			 promised_at;
	char			*invoice_number;
	bool			 cancelled;
	int64_t			 cancel_fee_total;
	/* the other parts */
	struct tui_progress	*progress;
	size_t			 nprogress;
	struct tui_analysis	 analysis;
	struct tui_event	*events;
	size_t			 nevents;
};

/* The fee a cancellation would charge now (SPEC §5.13). */
struct tui_fee {
	int64_t	 fee;		/* before GST, paise */
	int64_t	 gst;		/* -1 when the rate is unknown */
	int64_t	 total;		/* -1 when the rate is unknown */
	int64_t	 refund;	/* online payments: paid - total, else 0 */
	bool	 online;
	bool	 collected;	/* the fee is collected at the return */
};

void	 tui_detail_init(struct tui_detail *);
void	 tui_detail_cleanup(struct tui_detail *);
void	 tui_detail_open(struct tui_detail *, long);
int	 tui_detail_apply_booking(struct tui_detail *, const char *);
int	 tui_detail_apply_progress(struct tui_detail *, const char *);
int	 tui_detail_apply_analysis(struct tui_detail *, const char *);
void	 tui_detail_clear_analysis(struct tui_detail *);
int	 tui_detail_apply_events(struct tui_detail *, const char *);
bool	 tui_detail_add_event(struct tui_detail *, const struct tui_event *);
bool	 tui_detail_is_fresh(const struct tui_detail *);
const struct tui_progress *tui_detail_open_progress(
	     const struct tui_detail *);
bool	 tui_detail_work_left(const struct tui_detail *);
bool	 tui_detail_car_received(const struct tui_detail *);
int	 tui_detail_cancel_fee(const struct tui_detail *, int,
	     struct tui_fee *);
bool	 tui_detail_has_category(const struct tui_detail *, const long *,
	     size_t);

#endif
