package storetest

import (
	"testing"
	"time"

	"mutua/internal/domain"
	"mutua/internal/geo"
	"mutua/internal/store"
)

// Fixtures of the help exchange, written as Go so that each case shows what
// it changes from a plain default.

// centre is the middle of the test communities (newCommunity's Center).
var centre = domain.Point{Lat: 50.85, Lng: 4.35}

// day0 is a fixed moment the cases count from, so that times in the future
// or past do not depend on when the suite runs.
var day0 = time.Date(2030, 3, 4, 9, 0, 0, 123456000, time.UTC)

// offset returns the point nkm kilometres north and ekm east of p, close
// enough for distances of a few kilometres near the centre.
func offset(p domain.Point, nkm, ekm float64) domain.Point {
	const kmPerDegree = 111.2
	return domain.Point{Lat: p.Lat + nkm/kmPerDegree, Lng: p.Lng + ekm/(kmPerDegree*0.63)} // cos(50.85°) ≈ 0.63
}

func newClient(t *testing.T, s *store.Store, c domain.Community, recorder domain.User, name, phone string) domain.Client {
	t.Helper()
	cl := domain.Client{
		CommunityID: c.ID,
		Name:        name,
		Phone:       phone,
		Address:     "Rue Haute 1",
		Location:    centre,
		Languages:   []string{"fr"},
		Consent:     domain.Consent{GivenAt: day0, Method: "phone", RecordedBy: recorder.ID},
	}
	if err := s.CreateClient(testContext(t), &cl); err != nil {
		t.Fatalf("create client %q: %v", name, err)
	}
	return cl
}

// newRequest stores an open groceries request at the centre, needed from
// day0 for two hours, after edit has changed what the case needs.
func newRequest(t *testing.T, s *store.Store, c domain.Community, creator domain.User, edit func(*domain.Request)) domain.Request {
	t.Helper()
	r := domain.Request{
		CommunityID: c.ID,
		Category:    "groceries",
		Title:       "Shopping",
		Description: "Bread and milk",
		NeededFrom:  day0,
		NeededBy:    day0.Add(2 * time.Hour),
		Urgency:     "normal",
		Languages:   []string{"nl"},
		Location:    centre,
		Address:     "Rue Haute 1",
		Approx:      geo.Approximate(centre),
		RequesterID: &creator.ID,
		CreatedBy:   creator.ID,
		Recurrence:  domain.Recurrence{Kind: domain.RecurOnce},
	}
	if edit != nil {
		edit(&r)
	}
	if err := s.CreateRequest(testContext(t), &r, geo.CellID(r.Location)); err != nil {
		t.Fatalf("create request %q: %v", r.Title, err)
	}
	return r
}

// newVolunteer makes u a volunteer member of c with a profile at home
// offering skills, able to take two tasks.
func newVolunteer(t *testing.T, s *store.Store, c domain.Community, u domain.User, home domain.Point, skills ...string) domain.Volunteer {
	t.Helper()
	putMember(t, s, c, u, domain.RoleVolunteer)
	v := domain.Volunteer{
		UserID:       u.ID,
		CommunityID:  c.ID,
		Skills:       skills,
		Languages:    []string{"nl", "en"},
		Home:         home,
		RadiusKM:     3,
		Availability: []domain.Slot{{Day: "tue", From: "09:00", To: "12:00"}},
		MaxActive:    2,
	}
	if err := s.PutVolunteer(testContext(t), &v, geo.CellID(home)); err != nil {
		t.Fatalf("put volunteer %s: %v", u.Email, err)
	}
	return v
}

func newAssignment(t *testing.T, s *store.Store, r domain.Request, volunteer, by domain.User, status domain.AssignmentStatus) domain.Assignment {
	t.Helper()
	a := domain.Assignment{CommunityID: r.CommunityID, RequestID: r.ID, VolunteerID: volunteer.ID, Status: status, ProposedBy: by.ID}
	if err := s.CreateAssignment(testContext(t), &a); err != nil {
		t.Fatalf("assign %s to request %d: %v", volunteer.Email, r.ID, err)
	}
	return a
}

func newMessage(t *testing.T, s *store.Store, a domain.Assignment, author domain.User, body string) domain.Message {
	t.Helper()
	m := domain.Message{CommunityID: a.CommunityID, AssignmentID: a.ID, AuthorID: author.ID, Body: body}
	if err := s.CreateMessage(testContext(t), &m); err != nil {
		t.Fatalf("message %q: %v", body, err)
	}
	return m
}

// ids lists the ids of rows, in order, for comparing lists.
func ids[T any](list []T, id func(T) int64) []int64 {
	out := []int64{}
	for _, x := range list {
		out = append(out, id(x))
	}
	return out
}

func requestID(r domain.Request) int64       { return r.ID }
func clientID(c domain.Client) int64         { return c.ID }
func volunteerID(v domain.Volunteer) int64   { return v.UserID }
func assignmentID(a domain.Assignment) int64 { return a.ID }
func messageID(m domain.Message) int64       { return m.ID }
