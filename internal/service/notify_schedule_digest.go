package service

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/match"
)

// Tunables of the daily digest.
const (
	// digestHour is the local hour from which the daily digest goes out.
	digestHour = 7
	// digestGap is the least time between two digests of one person; less
	// than a day, so that the digest keeps to the morning when a run came
	// late, and more than the time from 07:00 to midnight, so that a digest
	// sent late in the evening is not followed by another at 07:00.
	digestGap = 20 * time.Hour
	// digestItems is the most requests and opportunities one digest lists;
	// digestOpportunities of them are kept for opportunities when there
	// are that many.
	digestItems         = 10
	digestOpportunities = 3
	// digestShiftHorizon is how far ahead a shift counts as upcoming.
	digestShiftHorizon = 14 * 24 * time.Hour
)

// QueueDigests writes the daily digest of every volunteer, and of every
// member with notifications kept for the digest, whose digest is due: it
// is not turned off, it is 07:00 or later in their community, and their
// last digest of that community is more than digestGap old. It returns how
// many digests it queued;
// someone with nothing to read gets none, and is looked at again the next
// day. A scheduled job calls it.
func (s *Service) QueueDigests(ctx context.Context) (int, error) {
	now := s.now()
	since := now.Add(-digestGap)
	total := 0
	err := s.eachCommunity(ctx, func(c domain.Community) error {
		if now.In(c.Location()).Hour() < digestHour {
			return nil
		}
		ids, err := s.store.DigestRecipients(ctx, c.ID, since)
		if err != nil {
			return err
		}
		var errs []error
		for _, id := range ids {
			sent, err := s.queueDigest(ctx, c, id, since)
			if sent {
				total++
			}
			errs = append(errs, err)
		}
		return errors.Join(errs...)
	})
	return total, err
}

// queueDigest writes one person's digest. What fits a volunteer is read
// first, outside the transaction, which on SQLite would hold the only
// writer meanwhile; the transaction then holds the person's membership,
// checks that no other job wrote their digest since, and takes in the
// notifications they chose to read in it. With nothing to tell, the
// digest row is written as skipped: no email, but the day counts as done.
func (s *Service) queueDigest(ctx context.Context, c domain.Community, userID int64, since time.Time) (bool, error) {
	d, err := s.gatherDigest(ctx, c, userID)
	if err != nil {
		return false, err
	}
	sent := false
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		due, err := s.store.LockDigest(ctx, c.ID, userID, since)
		if err != nil || !due {
			return err
		}
		updates, err := s.store.TakeDigestNotifications(ctx, c.ID, userID)
		if err != nil {
			return err
		}
		items, news := d.listed(), digestUpdates(updates)
		data, err := digestData(items, news)
		if err != nil {
			return err
		}
		data["path"] = communityPath(c) + "/feed"
		n := domain.Notification{CommunityID: c.ID, UserID: userID, Kind: domain.NotifyDigest, SubjectID: c.ID, Data: data}
		if len(items) == 0 && len(news) == 0 {
			n.Status, n.LastError, n.Data = domain.NotificationSkipped, "nothing to tell", nil
		}
		sent = n.Status == ""
		return s.enqueueScheduled(ctx, n)
	})
	if err != nil {
		return false, err
	}
	return sent, nil
}

// gatherDigest reads the requests and opportunities that fit the person,
// when they volunteer in the community; someone without a profile gets
// only the notifications they kept for the digest.
func (s *Service) gatherDigest(ctx context.Context, c domain.Community, userID int64) (*digest, error) {
	d := &digest{c: c, now: s.now()}
	v, err := s.store.Volunteer(ctx, c.ID, userID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return d, nil
	case err != nil:
		return nil, err
	}
	u, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	d.v = v
	if err := s.digestRequests(ctx, access{user: u, community: c}, d); err != nil {
		return nil, err
	}
	if err := s.digestOpportunities(ctx, d); err != nil {
		return nil, err
	}
	return d, nil
}

// digest gathers what one volunteer's digest lists.
type digest struct {
	c    domain.Community
	v    domain.Volunteer
	now  time.Time
	reqs []domain.DigestItem
	opps []domain.DigestItem
}

// digestRequests takes the first requests of the volunteer's feed, from
// the matching engine as the feed page shows them.
func (s *Service) digestRequests(ctx context.Context, a access, d *digest) error {
	cand, err := match.FromVolunteer(d.v)
	if err != nil {
		return nil // a profile saved before a rule change matches nothing
	}
	cand.Active = 0
	items, byID, err := s.searchFeed(ctx, a, d.v, cand, digestItems)
	if err != nil {
		return err
	}
	for _, it := range items {
		r := byID[it.RequestID]
		d.reqs = append(d.reqs, domain.DigestItem{Title: r.Title, From: r.NeededFrom, To: r.NeededBy, KM: it.DistanceKM,
			Path: communityPath(d.c) + "/feed#request-" + strconv.FormatInt(r.ID, 10)})
	}
	return nil
}

// digestOpportunities takes the opportunities within the volunteer's
// radius that have a shift with a free place in the next two weeks, the
// soonest first, each with that shift.
func (s *Service) digestOpportunities(ctx context.Context, d *digest) error {
	list, err := s.store.FindOpportunities(ctx, d.c.ID, domain.OpportunityFilter{
		Cells: geo.Covering(d.v.Home, d.v.RadiusKM), From: d.now, To: d.now.Add(digestShiftHorizon),
		Page: domain.Page{Limit: 200}})
	if err != nil {
		return err
	}
	for _, o := range list {
		if !geo.Contains(d.v.Home, d.v.RadiusKM, o.Location) || o.VettingRequired && !d.v.Vetted {
			continue
		}
		shifts, err := s.store.ShiftsOfOpportunity(ctx, d.c.ID, o.ID)
		if err != nil {
			return err
		}
		for _, sh := range shifts {
			if sh.Status == domain.ShiftOpen && sh.Free > 0 && sh.Start.After(d.now) && sh.Start.Before(d.now.Add(digestShiftHorizon)) {
				d.opps = append(d.opps, domain.DigestItem{Title: o.Title, From: sh.Start, To: sh.End,
					KM: geo.Distance(d.v.Home, o.Location), Address: o.Address,
					Path: communityPath(d.c) + "/opportunities/" + strconv.FormatInt(o.ID, 10)})
				break
			}
		}
	}
	slices.SortStableFunc(d.opps, func(x, y domain.DigestItem) int { return x.From.Compare(y.From) })
	return nil
}

// split is how many requests and how many opportunities fit in the
// digest: opportunities keep a few places when there are requests enough
// to fill it.
func (d *digest) split() (reqs, opps int) {
	opps = min(len(d.opps), digestOpportunities)
	reqs = min(len(d.reqs), digestItems-opps)
	opps = min(len(d.opps), digestItems-reqs)
	return reqs, opps
}

// listed is what the digest lists: the requests first, then the
// opportunities, within the split.
func (d *digest) listed() []domain.DigestItem {
	reqs, opps := d.split()
	return append(d.reqs[:reqs:reqs], d.opps[:opps]...)
}

// digestUpdates keeps of each notification taken for the digest what its
// line needs: its kind and data.
func digestUpdates(list []domain.Notification) []domain.DigestUpdate {
	out := make([]domain.DigestUpdate, 0, len(list))
	for _, n := range list {
		out = append(out, domain.DigestUpdate{Kind: n.Kind, Data: n.Data})
	}
	return out
}

// digestData is the digest notification's data: the items and updates as
// JSON, which the email writes out in the reader's language (see
// notify.Renderer), and how many there are.
func digestData(items []domain.DigestItem, updates []domain.DigestUpdate) (map[string]string, error) {
	it, err := json.Marshal(items)
	if err != nil {
		return nil, err
	}
	up, err := json.Marshal(updates)
	if err != nil {
		return nil, err
	}
	return map[string]string{"items": string(it), "updates": string(up),
		"count": strconv.Itoa(len(items) + len(updates))}, nil
}
