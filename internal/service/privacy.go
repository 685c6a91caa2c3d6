package service

import (
	"context"
	"time"

	"mutua/internal/domain"
	"mutua/internal/match"
)

// HelperAccessAfterDone is how long the volunteer who helped still sees the
// address and phone after completing: long enough to return a forgotten
// receipt, short enough that old tasks do not become an address book.
const HelperAccessAfterDone = 7 * 24 * time.Hour

// RequestView is a request as one particular person may see it. The
// private fields are empty unless the privacy rules allow them.
type RequestView struct {
	ID          int64                `json:"id"`
	Category    string               `json:"category"`
	Title       string               `json:"title"`
	Description string               `json:"description"`
	NeededFrom  time.Time            `json:"needed_from"`
	NeededBy    time.Time            `json:"needed_by"`
	ExpiresAt   time.Time            `json:"expires_at"`
	Urgency     string               `json:"urgency"`
	Languages   []string             `json:"languages"`
	Recurrence  domain.Recurrence    `json:"recurrence"`
	Status      domain.RequestStatus `json:"status"`
	Approx      domain.Point         `json:"approx_location" doc:"the centre of a cell of about 500 m around the real place"`
	CreatedAt   time.Time            `json:"created_at"`
	UpdatedAt   time.Time            `json:"updated_at"`
	// Mine is true for the person who asked (or the coordinator for a client).
	Mine bool `json:"mine"`
	// Private details, shown only to those who must see them.
	Location    *domain.Point `json:"location,omitempty"`
	Address     string        `json:"address,omitempty"`
	Contact     *Contact      `json:"contact,omitempty"`
	ClientID    *int64        `json:"client_id,omitempty"`
	RequesterID *int64        `json:"requester_id,omitempty"`
	// For a volunteer's feed: how far, and why it fits.
	DistanceKM *float64       `json:"distance_km,omitempty"`
	Reasons    []match.Reason `json:"reasons,omitempty"`
}

// Contact is how to reach the person helped.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
	Email string `json:"email,omitempty"`
}

// publicView is what anyone in the community may see: no address, no exact
// location, no contact, no link to a person. Lists always use it.
func publicView(r domain.Request, viewer int64) RequestView {
	return RequestView{
		ID: r.ID, Category: r.Category, Title: r.Title, Description: r.Description,
		NeededFrom: r.NeededFrom, NeededBy: r.NeededBy, ExpiresAt: r.ExpiresAt, Urgency: r.Urgency, Languages: r.Languages,
		Recurrence: r.Recurrence, Status: r.Status, Approx: r.Approx, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
		Mine: (r.RequesterID != nil && *r.RequesterID == viewer) || (r.ClientID != nil && r.CreatedBy == viewer),
	}
}

// seesPrivate decides whether the actor may see the request's address,
// exact location and contact: the requester, coordinators and admins, and
// the volunteer whose assignment is accepted, until HelperAccessAfterDone
// after completion.
func (s *Service) seesPrivate(ctx context.Context, a access, r domain.Request) (bool, error) {
	if a.can(domain.PermCoordinate) || (r.RequesterID != nil && *r.RequesterID == a.user.ID) {
		return true, nil
	}
	list, err := s.store.AssignmentsOfRequest(ctx, a.community.ID, r.ID)
	if err != nil {
		return false, err
	}
	for _, as := range list {
		if as.VolunteerID != a.user.ID {
			continue
		}
		if as.Status == domain.AssignAccepted {
			return true, nil
		}
		if as.Status == domain.AssignCompleted && s.now().Before(as.CompletedAt.Add(HelperAccessAfterDone)) {
			return true, nil
		}
	}
	return false, nil
}

// privateView adds the details seesPrivate allowed.
func (s *Service) privateView(ctx context.Context, a access, r domain.Request) (RequestView, error) {
	v := publicView(r, a.user.ID)
	loc := r.Location
	v.Location, v.Address, v.ClientID, v.RequesterID = &loc, r.Address, r.ClientID, r.RequesterID
	switch {
	case r.ClientID != nil:
		c, err := s.store.ClientByID(ctx, a.community.ID, *r.ClientID)
		if err != nil {
			return v, err
		}
		v.Contact = &Contact{Name: c.Name, Phone: c.Phone}
	case r.RequesterID != nil:
		u, err := s.store.UserByID(ctx, *r.RequesterID)
		if err != nil {
			return v, err
		}
		v.Contact = &Contact{Name: u.Name, Email: u.Email}
	}
	return v, nil
}
