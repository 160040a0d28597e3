package postgres

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/babillard/babillard/canada"
	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/offer"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
)

// This file implements offer.Store, offer.StatsStore included (tables of
// migration 0004).

var _ offer.Store = (*Store)(nil)

// defaultOfferLimit is the number of offers Offers returns when the query
// sets no limit.
const defaultOfferLimit = 100

// contentDoc is offer.Content as the content and revision columns hold it:
// the JSON form of offer.Content, except that zero dates are left out
// (omitzero), because a zero canada.Date marshals as "0000-00-00", which
// does not parse back. The fields below shadow the embedded ones of the
// same JSON name (the shallower field wins); TestContentDocDates checks
// that every date of offer.Content is shadowed.
type contentDoc struct {
	offer.Content
	ApplicationDeadline canada.Date `json:"application_deadline,omitzero"`
	DisplayDate         canada.Date `json:"display_date,omitzero"`
}

// docOf returns c as stored, or an error if one of its dates cannot be
// stored.
func docOf(what string, c offer.Content) (contentDoc, error) {
	for _, d := range []struct {
		name string
		date canada.Date
	}{{"ApplicationDeadline", c.ApplicationDeadline}, {"DisplayDate", c.DisplayDate}} {
		if err := checkDate(what+"."+d.name, d.date); err != nil {
			return contentDoc{}, err
		}
	}
	return contentDoc{Content: c, ApplicationDeadline: c.ApplicationDeadline, DisplayDate: c.DisplayDate}, nil
}

// content returns the offer.Content d holds.
func (d contentDoc) content() offer.Content {
	c := d.Content
	c.ApplicationDeadline, c.DisplayDate = d.ApplicationDeadline, d.DisplayDate
	return c
}

// checkDate refuses a date that is neither zero nor a valid date of years
// 1 to 9999: PostgreSQL and ISO 8601 text could not give it back as it is.
func checkDate(name string, d canada.Date) error {
	if d == (canada.Date{}) || d.Valid() && d.Year >= 1 && d.Year <= 9999 {
		return nil
	}
	return fmt.Errorf("%s {%d %d %d} is not a valid date", name, d.Year, d.Month, d.Day)
}

// dateArg is d as a date argument: NULL for the zero date.
func dateArg(d canada.Date) any {
	if d == (canada.Date{}) {
		return nil
	}
	return pgtype.Date{Time: time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC), Valid: true}
}

// offerTitles returns the search text of an offer: its French and English
// titles, folded.
func offerTitles(c offer.Content) string { return group.Fold(c.Title.FR + " " + c.Title.EN) }

const offerColumns = `id, group_id, status, content, revision, credit_reserved, submitted_at, validation_due,
	approved_at, publish_at, published_at, expires_at, ended_at, extensions, featured_from, featured_until,
	featured_end_notified, deadline_pushed_to, warned_expiry, archived_at, duplicated_from, created_by,
	created_at, updated_at, version`

func scanOffer(row pgx.Row) (offer.Offer, error) {
	var o offer.Offer
	var content contentDoc
	var revision *contentDoc
	var deadline pgtype.Date
	err := row.Scan(&o.ID, &o.GroupID, &o.Status, &content, &revision, &o.CreditReserved,
		scanTime(&o.SubmittedAt), scanTime(&o.ValidationDue), scanTime(&o.ApprovedAt), scanTime(&o.PublishAt),
		scanTime(&o.PublishedAt), scanTime(&o.ExpiresAt), scanTime(&o.EndedAt), &o.Extensions,
		scanTime(&o.FeaturedFrom), scanTime(&o.FeaturedUntil), &o.FeaturedEndNotified, &deadline, &o.WarnedExpiry,
		scanTime(&o.ArchivedAt), scanID(&o.DuplicatedFrom), scanID(&o.CreatedBy), scanTime(&o.CreatedAt),
		scanTime(&o.UpdatedAt), &o.Version)
	if err != nil {
		return offer.Offer{}, err
	}
	o.Content = content.content()
	if revision != nil {
		r := revision.content()
		o.Revision = &r
	}
	if deadline.Valid {
		if deadline.InfinityModifier != pgtype.Finite {
			return offer.Offer{}, fmt.Errorf("postgres: infinite date")
		}
		o.DeadlinePushedTo = canada.DateOf(deadline.Time)
	}
	return o, nil
}

func collectOffers(rows pgx.Rows) ([]offer.Offer, error) {
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (offer.Offer, error) { return scanOffer(row) })
}

// offerArgs returns the arguments $1 to $25 of an offer's INSERT and
// UPDATE: the columns from id to updated_at in the order of offerColumns,
// then search_text.
func offerArgs(o *offer.Offer) ([]any, error) {
	content, err := docOf("Content", o.Content)
	if err != nil {
		return nil, err
	}
	var revision any
	if o.Revision != nil {
		r, err := docOf("Revision", *o.Revision)
		if err != nil {
			return nil, err
		}
		revision = r
	}
	if err := checkDate("DeadlinePushedTo", o.DeadlinePushedTo); err != nil {
		return nil, err
	}
	return []any{
		o.ID, o.GroupID, string(o.Status), content, revision, o.CreditReserved,
		nullTime(o.SubmittedAt), nullTime(o.ValidationDue), nullTime(o.ApprovedAt), nullTime(o.PublishAt),
		nullTime(o.PublishedAt), nullTime(o.ExpiresAt), nullTime(o.EndedAt), o.Extensions,
		nullTime(o.FeaturedFrom), nullTime(o.FeaturedUntil), o.FeaturedEndNotified, dateArg(o.DeadlinePushedTo),
		o.WarnedExpiry, nullTime(o.ArchivedAt), nullID(o.DuplicatedFrom), nullID(o.CreatedBy), o.CreatedAt,
		nullTime(o.UpdatedAt), offerTitles(o.Content),
	}, nil
}

// CreateOffer stores a new offer with version 1 (setting o.Version); a
// missing group is storage.ErrNotFound, a taken ID storage.ErrDuplicate.
// The content and revision are JSONB, in offer.Content's JSON form (zero
// dates left out); a date that is neither zero nor valid (years 1 to 9999)
// is refused.
func (s *Store) CreateOffer(ctx context.Context, o *offer.Offer) error {
	args, err := offerArgs(o)
	if err != nil {
		return fmt.Errorf("postgres: create offer %s: %w", o.ID, err)
	}
	// The EXISTS guard and ON CONFLICT turn a missing group and a taken ID
	// into "no row" rather than errors that would abort the caller's
	// transaction; the foreign key still guards against races.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_offers
		(id, group_id, status, content, revision, credit_reserved, submitted_at, validation_due,
		 approved_at, publish_at, published_at, expires_at, ended_at, extensions, featured_from, featured_until,
		 featured_end_notified, deadline_pushed_to, warned_expiry, archived_at, duplicated_from, created_by,
		 created_at, updated_at, search_text, version)
		SELECT $1::uuid, $2::uuid, $3::text, $4::jsonb, $5::jsonb, $6::boolean, $7::timestamptz, $8::timestamptz,
		       $9::timestamptz, $10::timestamptz, $11::timestamptz, $12::timestamptz, $13::timestamptz, $14::integer,
		       $15::timestamptz, $16::timestamptz, $17::boolean, $18::date, $19::boolean, $20::timestamptz, $21::uuid,
		       $22::uuid, $23::timestamptz, $24::timestamptz, $25::text, 1
		WHERE EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $2::uuid)
		ON CONFLICT DO NOTHING`), args...)
	if err != nil {
		return mapErr("create offer", err)
	}
	if tag.RowsAffected() == 0 {
		return s.createMiss(ctx, "offer", o.ID, ref{"group", `babillard_groups WHERE id = $1`, o.GroupID})
	}
	o.Version = 1
	return nil
}

// Offer returns an offer by ID.
func (s *Store) Offer(ctx context.Context, id uuid.UUID) (offer.Offer, error) {
	return queryOne(ctx, s, scanOffer, "offer "+id.String(), `SELECT `+offerColumns+`
		FROM {s}babillard_offers WHERE id = $1`, id)
}

// UpdateOffer writes an offer if o.Version is the stored version, stores
// version+1 and increments o.Version; a stale version is
// storage.ErrConflict, a missing offer or group storage.ErrNotFound. Dates
// are checked as by CreateOffer.
func (s *Store) UpdateOffer(ctx context.Context, o *offer.Offer) error {
	args, err := offerArgs(o)
	if err != nil {
		return fmt.Errorf("postgres: update offer %s: %w", o.ID, err)
	}
	// The EXISTS guard turns a missing group into "no row" rather than a
	// foreign key violation that would abort the caller's transaction.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_offers SET
		group_id = $2, status = $3, content = $4, revision = $5, credit_reserved = $6, submitted_at = $7,
		validation_due = $8, approved_at = $9, publish_at = $10, published_at = $11, expires_at = $12,
		ended_at = $13, extensions = $14, featured_from = $15, featured_until = $16, featured_end_notified = $17,
		deadline_pushed_to = $18, warned_expiry = $19, archived_at = $20, duplicated_from = $21, created_by = $22,
		created_at = $23, updated_at = $24, search_text = $25, version = version + 1
		WHERE id = $1 AND version = $26
		AND EXISTS (SELECT 1 FROM {s}babillard_groups WHERE id = $2)`), append(args, o.Version)...)
	if err != nil {
		return mapErr("update offer", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "offer", o.ID, o.Version, []ref{{"group", `babillard_groups WHERE id = $1`, o.GroupID}},
			`SELECT version FROM {s}babillard_offers WHERE id = $1`, o.ID)
	}
	o.Version++
	return nil
}

// Offers returns the offers matching q, newest first (created_at, then ID,
// both descending) or, with q.ByValidationDue, by validation due time
// (offers without one first, as the zero time comes first), then ID; at
// most q.Limit (100 when zero or negative). Every word of the folded
// q.Title must occur in the folded French or English title.
func (s *Store) Offers(ctx context.Context, q offer.Query) ([]offer.Offer, error) {
	w := offerWhere(q)
	order := ` ORDER BY created_at DESC, id DESC`
	if q.ByValidationDue {
		order = ` ORDER BY validation_due NULLS FIRST, id`
	}
	limit := q.Limit
	if limit <= 0 {
		limit = defaultOfferLimit
	}
	args := append(w.args, limit)
	query := `SELECT ` + offerColumns + ` FROM {s}babillard_offers` + w.clause() + order +
		` LIMIT $` + strconv.Itoa(len(args))
	rows, err := s.db(ctx).Query(ctx, s.sql(query), args...)
	if err != nil {
		return nil, mapErr("offers", err)
	}
	out, err := collectOffers(rows)
	if err != nil {
		return nil, mapErr("offers", err)
	}
	return out, nil
}

// offerWhere returns the conditions of an offer query.
func offerWhere(q offer.Query) where {
	var w where
	if q.GroupID != uuid.Nil {
		w.add(`group_id = ?`, q.GroupID)
	}
	switch len(q.Statuses) {
	case 0:
		w.add(`status <> ?`, string(offer.Archived))
	case 1:
		// Equality rather than = ANY, so that the moderators' queue reads
		// babillard_offers_validation_idx in order.
		w.add(`status = ?`, string(q.Statuses[0]))
	default:
		statuses := make([]string, len(q.Statuses))
		for i, st := range q.Statuses {
			statuses[i] = string(st)
		}
		w.add(`status = ANY (?::text[])`, statuses)
	}
	for _, word := range strings.Fields(group.Fold(q.Title)) {
		w.add(`search_text LIKE ? ESCAPE '\'`, containsPattern(word))
	}
	return w
}

// CountOffers counts a group's offers per status; statuses without offers
// are absent from the map (never nil).
func (s *Store) CountOffers(ctx context.Context, groupID uuid.UUID) (map[offer.Status]int, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT status, count(*) FROM {s}babillard_offers
		WHERE group_id = $1 GROUP BY status`), groupID)
	if err != nil {
		return nil, mapErr("count offers", err)
	}
	out := map[offer.Status]int{}
	var status string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&status, &n}, func() error {
		out[offer.Status(status)] = n
		return nil
	})
	if err != nil {
		return nil, mapErr("count offers", err)
	}
	return out, nil
}

// DueOffers returns up to limit offers that the clock must move at now
// (truncated to the microsecond), ordered by ID, under the conditions of
// offer.Store, a missing time counting as come (as the zero time has): a
// scheduled offer whose publish_at has come; a published offer whose
// expires_at has come, or whose expiry warning may be due (expires_at at
// most offer.ExpiryWarningWindow after now, warned_expiry false); an
// offer whose featured_until has come, featured_end_notified false. Each
// condition runs on a partial index of migration 0004.
func (s *Store) DueOffers(ctx context.Context, now time.Time, limit int) ([]offer.Offer, error) {
	now = now.UTC().Truncate(time.Microsecond)
	// ExpiresAt - window <= now, computed in Go: the window is a fixed
	// duration, whatever the session's time zone.
	warnBy := now.Add(offer.ExpiryWarningWindow)
	// The statuses are literals, not arguments: the planner then matches
	// the partial indexes (a BitmapOr of them when few offers are due).
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+offerColumns+` FROM {s}babillard_offers
		WHERE (status = '`+string(offer.Scheduled)+`' AND (publish_at IS NULL OR publish_at <= $1))
		OR (status = '`+string(offer.Published)+`' AND (expires_at IS NULL OR expires_at <= $1))
		OR (status = '`+string(offer.Published)+`' AND NOT warned_expiry AND (expires_at IS NULL OR expires_at <= $2))
		OR (featured_until IS NOT NULL AND NOT featured_end_notified AND featured_until <= $1)
		ORDER BY id LIMIT $3`),
		now, warnBy, max(limit, 0))
	if err != nil {
		return nil, mapErr("due offers", err)
	}
	out, err := collectOffers(rows)
	if err != nil {
		return nil, mapErr("due offers", err)
	}
	return out, nil
}

// AppendHistory records entries in the order given (ties on At are listed
// in that order), all or none, in one statement; an entry of an unknown
// offer is storage.ErrNotFound.
func (s *Store) AppendHistory(ctx context.Context, entries ...offer.HistoryEntry) error {
	if len(entries) == 0 {
		return nil
	}
	n := len(entries)
	offers := make([]uuid.UUID, n)
	at := make([]time.Time, n)
	actions := make([]string, n)
	from := make([]string, n)
	to := make([]string, n)
	by := make([]*uuid.UUID, n)
	roles := make([]string, n)
	notes := make([]string, n)
	for i, e := range entries {
		offers[i], at[i], actions[i], from[i], to[i] = e.OfferID, e.At, string(e.Action), string(e.From), string(e.To)
		by[i], roles[i], notes[i] = nullable(e.By), string(e.Role), e.Note
	}
	// The guard turns a missing offer into "no row" rather than a foreign
	// key violation that would abort the caller's transaction. ORDER BY ord
	// makes seq follow the order given.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_offer_history
		(offer_id, at, action, from_status, to_status, by_id, role, note)
		SELECT e.offer_id, e.at, e.action, e.from_status, e.to_status, e.by_id, e.role, e.note
		FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])
		     WITH ORDINALITY AS e (offer_id, at, action, from_status, to_status, by_id, role, note, ord)
		WHERE NOT EXISTS (SELECT 1 FROM unnest($1::uuid[]) AS o (id)
		                  WHERE NOT EXISTS (SELECT 1 FROM {s}babillard_offers WHERE id = o.id))
		ORDER BY e.ord`),
		offers, at, actions, from, to, by, roles, notes)
	if err != nil {
		return mapErr("append offer history", err)
	}
	if tag.RowsAffected() == 0 {
		return s.missingOffer(ctx, "append offer history", offers)
	}
	return nil
}

// History returns an offer's entries, oldest first (by time, then in the
// order they were appended), each with its Seq; an unknown offer has none.
func (s *Store) History(ctx context.Context, offerID uuid.UUID) ([]offer.HistoryEntry, error) {
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT `+historyColumns+`
		FROM {s}babillard_offer_history WHERE offer_id = $1 ORDER BY at, seq`), offerID)
	if err != nil {
		return nil, mapErr("offer history", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (offer.HistoryEntry, error) { return scanHistory(row) })
	if err != nil {
		return nil, mapErr("offer history", err)
	}
	return out, nil
}

// missingOffer tells why an insert guarded by the existence of offers
// stored no row: the first of offers that does not exist is
// storage.ErrNotFound.
func (s *Store) missingOffer(ctx context.Context, op string, offers []uuid.UUID) error {
	var missing uuid.UUID
	err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT o.id FROM unnest($1::uuid[]) WITH ORDINALITY AS o (id, ord)
		WHERE NOT EXISTS (SELECT 1 FROM {s}babillard_offers WHERE id = o.id) ORDER BY o.ord LIMIT 1`), offers).Scan(&missing)
	if err != nil {
		// No row: every offer exists now, so one was missing when the
		// insert ran (and was created since).
		return mapErr(op+": unknown offer", err)
	}
	return fmt.Errorf("postgres: %s: offer %s: %w", op, missing, storage.ErrNotFound)
}

// AppendHits records hits, all or none, in one statement; a hit of an
// unknown offer is storage.ErrNotFound.
func (s *Store) AppendHits(ctx context.Context, hits ...offer.Hit) error {
	if len(hits) == 0 {
		return nil
	}
	offers := make([]uuid.UUID, len(hits))
	metrics := make([]string, len(hits))
	at := make([]time.Time, len(hits))
	for i, h := range hits {
		offers[i], metrics[i], at[i] = h.OfferID, string(h.Metric), h.At
	}
	// The guard turns a missing offer into "no row" rather than a foreign
	// key violation that would abort the caller's transaction.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_offer_hits (offer_id, metric, at)
		SELECT h.offer_id, h.metric, h.at
		FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS h (offer_id, metric, at, ord)
		WHERE NOT EXISTS (SELECT 1 FROM unnest($1::uuid[]) AS o (id)
		                  WHERE NOT EXISTS (SELECT 1 FROM {s}babillard_offers WHERE id = o.id))
		ORDER BY h.ord`),
		offers, metrics, at)
	if err != nil {
		return mapErr("append hits", err)
	}
	if tag.RowsAffected() == 0 {
		return s.missingOffer(ctx, "append hits", offers)
	}
	return nil
}

// CountHits returns, for offerIDs, the hits in [from, to) (truncated to the
// microsecond) counted per offer, day in loc (UTC when nil) and metric,
// ordered by offer ID (byte-wise), day and metric; days without hits are
// absent. PostgreSQL counts, in buckets whose bounds are computed in Go
// (dayBounds), so that days follow Go's time zone rules exactly, whatever
// the zone (time.Local, a fixed zone) and whatever the server's time zone
// database.
func (s *Store) CountHits(ctx context.Context, offerIDs []uuid.UUID, from, to time.Time, loc *time.Location) ([]offer.DailyCount, error) {
	if loc == nil {
		loc = time.UTC
	}
	from, to = from.UTC().Truncate(time.Microsecond), to.UTC().Truncate(time.Microsecond)
	out := []offer.DailyCount{}
	if len(offerIDs) == 0 || !from.Before(to) {
		return out, nil
	}
	// The span of the hits bounds the buckets; the second statement keeps
	// to it, so that a hit appended in between is left out, not misplaced.
	var lo, hi time.Time
	if err := s.db(ctx).QueryRow(ctx, s.sql(`SELECT min(at), max(at) FROM {s}babillard_offer_hits
		WHERE offer_id = ANY ($1::uuid[]) AND at >= $2 AND at < $3`), offerIDs, from, to).
		Scan(scanTime(&lo), scanTime(&hi)); err != nil {
		return nil, mapErr("count hits", err)
	}
	if lo.IsZero() {
		return out, nil
	}
	bounds := dayBounds(lo, hi, loc)
	rows, err := s.db(ctx).Query(ctx, s.sql(`SELECT offer_id, width_bucket(at, $4::timestamptz[]) AS bucket, metric, count(*)
		FROM {s}babillard_offer_hits
		WHERE offer_id = ANY ($1::uuid[]) AND at >= $2 AND at <= $3
		GROUP BY offer_id, bucket, metric`), offerIDs, lo, hi, bounds)
	if err != nil {
		return nil, mapErr("count hits", err)
	}
	type key struct {
		offer  uuid.UUID
		day    canada.Date
		metric offer.Metric
	}
	counts := map[key]int64{}
	var (
		id     uuid.UUID
		bucket int
		metric string
		n      int64
	)
	_, err = pgx.ForEachRow(rows, []any{&id, &bucket, &metric, &n}, func() error {
		if bucket < 0 || bucket > len(bounds) {
			return fmt.Errorf("bucket %d of %d", bucket, len(bounds))
		}
		start := lo
		if bucket > 0 {
			start = bounds[bucket-1]
		}
		counts[key{id, canada.DateOf(start.In(loc)), offer.Metric(metric)}] += n
		return nil
	})
	if err != nil {
		return nil, mapErr("count hits", err)
	}
	for k, n := range counts {
		out = append(out, offer.DailyCount{OfferID: k.offer, Day: k.day, Metric: k.metric, Count: n})
	}
	slices.SortFunc(out, func(a, b offer.DailyCount) int {
		return cmp.Or(bytes.Compare(a.OfferID[:], b.OfferID[:]), a.Day.Compare(b.Day), cmp.Compare(a.Metric, b.Metric))
	})
	return out, nil
}

// dayBounds returns, in order, the instants of (lo, hi] at which the civil
// date in loc may change: every local midnight, and every change of loc's
// UTC offset (the date can change then too, and even go back, as when a
// zone falls back from 00:00 to 23:00). Between two consecutive bounds, and
// before the first, every instant has the same date in loc.
func dayBounds(lo, hi time.Time, loc *time.Location) []time.Time {
	out := []time.Time{} // never nil: a nil slice is NULL, and width_bucket of NULL is NULL
	for t := lo; ; {
		local := t.In(loc)
		_, offset := local.Zone()
		y, m, d := local.Date()
		// The next midnight at the current offset, unless the offset
		// changes first.
		next := time.Date(y, m, d+1, 0, 0, 0, 0, time.FixedZone("", offset)).UTC()
		if _, end := local.ZoneBounds(); !end.IsZero() && end.Before(next) {
			next = end.UTC()
		}
		if next.After(hi) {
			return out
		}
		out = append(out, next)
		t = next
	}
}
