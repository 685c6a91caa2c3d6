package service

import (
	"context"
	"net/url"
	"strconv"
	"time"

	"mutua/internal/domain"
)

// notifyRequestChange queues what the people around a request must hear
// after a change of kind (the request history's word for it): the
// volunteer a task is proposed to, the person helped when someone takes
// it, finishes it or nobody could, the coordinator whose proposal was
// turned down. People asking by phone have no account and no email; their
// coordinators follow the request on the desk. It runs in the change's
// transaction.
func (s *Service) notifyRequestChange(ctx context.Context, a access, r domain.Request, as *domain.Assignment, kind string) error {
	c, err := s.communityOf(ctx, a, r.CommunityID)
	if err != nil {
		return err
	}
	base := "/c/" + url.PathEscape(c.Slug)
	data := map[string]string{"request_title": r.Title, "needed_by_at": r.NeededBy.UTC().Format(time.RFC3339)}
	n := domain.Notification{CommunityID: c.ID, SubjectID: r.ID}
	switch {
	case kind == "proposed" && as != nil:
		n.Kind, n.UserID, n.SubjectID = domain.NotifyAssignmentProposed, as.VolunteerID, as.ID
		data["path"] = base + "/tasks/" + strconv.FormatInt(as.ID, 10)
	case kind == "accepted" && as != nil && r.RequesterID != nil:
		v, err := s.store.UserByID(ctx, as.VolunteerID)
		if err != nil {
			return err
		}
		n.Kind, n.UserID, data["volunteer_name"] = domain.NotifyAssignmentAccepted, *r.RequesterID, v.Name
		data["path"] = base + "/requests/" + strconv.FormatInt(r.ID, 10)
	case (kind == "declined" || kind == "withdrawn") && as != nil && as.ProposedBy != as.VolunteerID:
		v, err := s.store.UserByID(ctx, as.VolunteerID)
		if err != nil {
			return err
		}
		n.Kind, n.UserID, data["volunteer_name"] = domain.NotifyAssignmentDeclined, as.ProposedBy, v.Name
		data["path"] = base + "/desk/requests/" + strconv.FormatInt(r.ID, 10)
	case kind == "completed" && r.RequesterID != nil:
		n.Kind, n.UserID = domain.NotifyRequestCompleted, *r.RequesterID
		data["path"] = base + "/requests/" + strconv.FormatInt(r.ID, 10)
	case kind == "expired" && r.RequesterID != nil:
		n.Kind, n.UserID = domain.NotifyRequestExpired, *r.RequesterID
		data["path"] = base + "/ask"
	default:
		return nil
	}
	if n.UserID == a.user.ID {
		return nil // nobody is told what they did themselves
	}
	n.Data = data
	return s.enqueue(ctx, n)
}

// notifyMessage tells the other people of a task's thread about a new
// message: the volunteer and the person helped, whoever did not write it.
func (s *Service) notifyMessage(ctx context.Context, a access, as domain.Assignment, r domain.Request) error {
	to := []int64{as.VolunteerID}
	if r.RequesterID != nil {
		to = append(to, *r.RequesterID)
	}
	task := "/c/" + url.PathEscape(a.community.Slug) + "/tasks/" + strconv.FormatInt(as.ID, 10)
	for _, id := range to {
		if id == a.user.ID {
			continue
		}
		err := s.enqueue(ctx, domain.Notification{CommunityID: a.community.ID, UserID: id, Kind: domain.NotifyMessage,
			SubjectID: as.ID, Data: map[string]string{"sender_name": a.user.Name, "request_title": r.Title, "path": task}})
		if err != nil {
			return err
		}
	}
	return nil
}

// communityOf is the access's community, loaded when the caller had only
// its id (a scheduled job acting for no one).
func (s *Service) communityOf(ctx context.Context, a access, id int64) (domain.Community, error) {
	if a.community.Slug != "" {
		return a.community, nil
	}
	return s.store.CommunityByID(ctx, id)
}
