package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"mutua/internal/domain"
)

// The queries of the scheduled notifications: the alert about requests
// nobody has taken and the daily digest. The schedule lives in the rows
// themselves (a request's needed_by, the time of a person's last digest),
// so a restart loses nothing; the Lock methods make two replicas running
// the same job at once take turns on PostgreSQL, where SQLite's single
// writer already does.

// liveAssignment is true for a request some volunteer holds or was asked
// to take.
const liveAssignment = `EXISTS (SELECT 1 FROM assignments a WHERE a.community_id = requests.community_id
	AND a.request_id = requests.id AND a.status IN ('proposed', 'offered', 'accepted'))`

// UnassignedRequests lists the community's open requests that no live
// assignment holds and whose needed_by lies in (from, to], soonest first.
func (s *Store) UnassignedRequests(ctx context.Context, communityID int64, from, to time.Time) ([]domain.Request, error) {
	rows, err := s.reader(ctx).query(ctx, "SELECT "+requestColumns+` FROM requests
		WHERE community_id = ? AND status = 'open' AND needed_by > ? AND needed_by <= ? AND NOT `+liveAssignment+`
		ORDER BY needed_by, id`, communityID, s.d.timeArg(from), s.d.timeArg(to))
	if err != nil {
		return nil, fmt.Errorf("unassigned requests of community %d: %w", communityID, mapError(err))
	}
	list, err := collect(rows, scanRequest)
	if err != nil {
		return nil, fmt.Errorf("unassigned requests of community %d: %w", communityID, err)
	}
	return list, nil
}

// LockUnassignedRequest reports whether the request is still open without
// a live assignment, inside the caller's transaction. On PostgreSQL it
// first locks the request's row, so that a second alert job waits here
// until the first one committed and then sees the alerts it wrote.
func (s *Store) LockUnassignedRequest(ctx context.Context, communityID, id int64) (bool, error) {
	if s.d.name == dialectPostgres {
		var one int
		err := s.writer(ctx).queryRow(ctx, "SELECT 1 FROM requests WHERE community_id = ? AND id = ? FOR UPDATE",
			communityID, id).Scan(&one)
		if err != nil {
			return false, fmt.Errorf("lock request %d: %w", id, mapError(err))
		}
	}
	var n int
	err := s.writer(ctx).queryRow(ctx, `SELECT count(*) FROM requests
		WHERE community_id = ? AND id = ? AND status = 'open' AND NOT `+liveAssignment, communityID, id).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("request %d: %w", id, mapError(err))
	}
	return n == 1, nil
}

// StaffWithoutNotice lists the community's coordinators and admins who
// have no notification of kind about subjectID yet, by user id.
func (s *Store) StaffWithoutNotice(ctx context.Context, communityID int64, kind domain.NotificationKind, subjectID int64) ([]int64, error) {
	rows, err := s.writer(ctx).query(ctx, `
		SELECT m.user_id FROM memberships m
		WHERE m.community_id = ? AND m.role IN ('coordinator', 'admin')
		AND NOT EXISTS (SELECT 1 FROM notifications n
			WHERE n.user_id = m.user_id AND n.kind = ? AND n.subject_id = ? AND n.community_id = m.community_id)
		ORDER BY m.user_id`, communityID, string(kind), subjectID)
	if err != nil {
		return nil, fmt.Errorf("staff of community %d to tell: %w", communityID, mapError(err))
	}
	return collect(rows, scanID)
}

func scanID(r scanner) (int64, error) {
	var id int64
	err := r.Scan(&id)
	return id, err
}

// EnqueueScheduled writes n to the outbox like EnqueueNotification but
// with n.CreatedAt as its creation time: the schedules count from the
// rows they wrote, on the clock of the service that wrote them.
func (s *Store) EnqueueScheduled(ctx context.Context, n *domain.Notification) error {
	data, err := json.Marshal(n.Data)
	if err != nil || n.Data == nil {
		data = []byte("{}")
	}
	if n.Status == "" {
		n.Status = domain.NotificationPending
	}
	err = s.writer(ctx).queryRow(ctx, `
		INSERT INTO notifications (community_id, user_id, kind, subject_id, data, message_id, status, due_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`,
		optionalCommunity(n.CommunityID), n.UserID, string(n.Kind), n.SubjectID, string(data), n.MessageID,
		string(n.Status), s.d.timeArg(n.DueAt), s.d.timeArg(n.CreatedAt),
	).Scan(&n.ID)
	if err != nil {
		return fmt.Errorf("enqueue %s notification for user %d: %w", n.Kind, n.UserID, mapError(err))
	}
	return nil
}

// digestSince is true for a member (m) who got a digest of the community,
// kept with the community as its subject, after the time bound next.
const digestSince = `EXISTS (SELECT 1 FROM notifications n
	WHERE n.user_id = m.user_id AND n.kind = 'digest' AND n.subject_id = m.community_id AND n.created_at > ?)`

// DigestRecipients lists, by user id, the community's members who have
// not turned the digest off, got none of this community's after since, and
// either volunteer (a profile and a role above member) or have
// notifications waiting for the digest.
func (s *Store) DigestRecipients(ctx context.Context, communityID int64, since time.Time) ([]int64, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT m.user_id FROM memberships m
		WHERE m.community_id = ?
		AND (m.role <> 'member' AND EXISTS (SELECT 1 FROM volunteers v WHERE v.community_id = m.community_id AND v.user_id = m.user_id)
			OR EXISTS (SELECT 1 FROM notifications w WHERE w.community_id = m.community_id AND w.user_id = m.user_id AND w.status = 'digest'))
		AND NOT EXISTS (SELECT 1 FROM notification_prefs p WHERE p.user_id = m.user_id AND p.kind = 'digest' AND p.mode = 'off')
		AND NOT `+digestSince+`
		ORDER BY m.user_id`, communityID, s.d.timeArg(since))
	if err != nil {
		return nil, fmt.Errorf("digest recipients of community %d: %w", communityID, mapError(err))
	}
	return collect(rows, scanID)
}

// LockDigest reports whether the member still has no digest of the
// community after since, inside the caller's transaction; someone who left
// the community has none due. On PostgreSQL it first locks their
// membership, so that of two jobs writing the same digest at once the
// second waits and then sees the first's. NO KEY UPDATE leaves alone the
// key-share locks that rows referring to the membership take.
func (s *Store) LockDigest(ctx context.Context, communityID, userID int64, since time.Time) (bool, error) {
	lock := ""
	if s.d.name == dialectPostgres {
		lock = " FOR NO KEY UPDATE"
	}
	var one int
	err := s.writer(ctx).queryRow(ctx, "SELECT 1 FROM memberships WHERE community_id = ? AND user_id = ?"+lock,
		communityID, userID).Scan(&one)
	switch err = mapError(err); {
	case errors.Is(err, domain.ErrNotFound):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("lock membership of user %d: %w", userID, err)
	}
	var n int
	err = s.writer(ctx).queryRow(ctx, "SELECT count(*) FROM memberships m WHERE m.community_id = ? AND m.user_id = ? AND "+digestSince,
		communityID, userID, s.d.timeArg(since)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("last digest of user %d: %w", userID, mapError(err))
	}
	return n == 0, nil
}

// TakeDigestNotifications marks the user's notifications of the community
// that wait for the digest as digested and returns them, oldest first. One
// statement does both, so a row the dispatcher sets aside meanwhile is
// either in this digest or waits for the next.
func (s *Store) TakeDigestNotifications(ctx context.Context, communityID, userID int64) ([]domain.Notification, error) {
	rows, err := s.writer(ctx).query(ctx, `UPDATE notifications SET status = 'digested'
		WHERE user_id = ? AND community_id = ? AND status = 'digest'
		RETURNING `+notificationColumns, userID, communityID)
	if err != nil {
		return nil, fmt.Errorf("digest notifications of user %d: %w", userID, mapError(err))
	}
	list, err := scanNotifications(rows)
	if err != nil {
		return nil, fmt.Errorf("digest notifications of user %d: %w", userID, err)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].ID < list[j].ID })
	return list, nil
}
