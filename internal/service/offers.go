package service

import (
	"context"
	"errors"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"mutua/internal/domain"
	"mutua/internal/geo"
)

// OfferView is an offer as one particular person may see it: the address,
// exact place and who made it only for the offerer and the coordinators.
type OfferView struct {
	ID             int64              `json:"id"`
	Kind           string             `json:"kind"`
	Category       string             `json:"category"`
	Title          string             `json:"title"`
	Description    string             `json:"description"`
	Quantity       int                `json:"quantity"`
	Unit           string             `json:"unit"`
	Reserved       int                `json:"reserved"`
	Available      int                `json:"available" doc:"quantity minus reserved, never below zero"`
	AvailableFrom  time.Time          `json:"available_from"`
	AvailableUntil *time.Time         `json:"available_until,omitempty"`
	Conditions     string             `json:"conditions"`
	Status         domain.OfferStatus `json:"status"`
	Approx         domain.Point       `json:"approx_location" doc:"the centre of a cell of about 500 m around the real place"`
	CreatedAt      time.Time          `json:"created_at"`
	UpdatedAt      time.Time          `json:"updated_at"`
	Mine           bool               `json:"mine"`
	OrganisationID *int64             `json:"organisation_id,omitempty" doc:"the organisation that offers, if any"`
	// Private details.
	Location  *domain.Point      `json:"location,omitempty"`
	Address   string             `json:"address,omitempty"`
	OfferedBy *int64             `json:"offered_by,omitempty"`
	Links     []domain.OfferLink `json:"links,omitempty"`
	// In a search near a place: how far.
	DistanceKM *float64 `json:"distance_km,omitempty"`
}

// OfferQuery filters a list of offers.
type OfferQuery struct {
	Kind     string
	Category string
	Text     string
	Near     *domain.Point
	RadiusKM float64
	Page     domain.Page
}

func publicOfferView(o domain.Offer, viewer int64) OfferView {
	return OfferView{
		ID: o.ID, Kind: o.Kind, Category: o.Category, Title: o.Title, Description: o.Description,
		Quantity: o.Quantity, Unit: o.Unit, Reserved: o.Reserved, Available: o.Available(),
		AvailableFrom: o.AvailableFrom, AvailableUntil: o.AvailableUntil, Conditions: o.Conditions,
		Status: o.Status, Approx: o.Approx, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, Mine: o.OfferedBy == viewer,
		OrganisationID: o.OrganisationID,
	}
}

// seesOfferDetails: the offerer and the community's coordinators and admins.
func seesOfferDetails(a access, o domain.Offer) bool {
	return o.OfferedBy == a.user.ID || a.can(domain.PermCoordinate)
}

// privateOfferView adds the address, place, offerer and links.
func (s *Service) privateOfferView(ctx context.Context, a access, o domain.Offer) (OfferView, error) {
	v := publicOfferView(o, a.user.ID)
	loc, by := o.Location, o.OfferedBy
	v.Location, v.Address, v.OfferedBy = &loc, o.Address, &by
	links, err := s.store.OfferLinks(ctx, a.community.ID, o.ID)
	if err != nil {
		return v, err
	}
	v.Links = links
	return v, nil
}

// CreateOffer records an offer of goods, a service or space by a member,
// or with OrganisationID by an organisation the member runs.
func (s *Service) CreateOffer(ctx context.Context, slug string, o domain.Offer) (OfferView, error) {
	a, err := s.authorize(ctx, slug, domain.PermVolunteer)
	if err != nil {
		return OfferView{}, err
	}
	o.Normalize()
	if o.AvailableFrom.IsZero() {
		o.AvailableFrom = s.now().UTC().Truncate(time.Second)
	}
	if err := s.checkNewOffer(a, o); err != nil {
		return OfferView{}, err
	}
	if o.OrganisationID != nil {
		if err := s.offeringFor(ctx, a, *o.OrganisationID); err != nil {
			return OfferView{}, err
		}
	}
	o.CommunityID, o.OfferedBy = a.community.ID, a.user.ID
	o.Approx = geo.Approximate(o.Location)
	// As for requests the index holds the approximate place, so a search
	// cannot narrow down where someone lives.
	if err := s.store.CreateOffer(ctx, &o, geo.CellID(o.Approx)); err != nil {
		return OfferView{}, err
	}
	s.log.InfoContext(ctx, "offer created", "community", slug, "offer_id", o.ID, "kind", o.Kind, "by", a.user.ID)
	return s.privateOfferView(ctx, a, o)
}

// offeringFor checks that the organisation is an approved one of this
// community and that the actor is one of its admins or coordinators (or
// coordinates the community).
func (s *Service) offeringFor(ctx context.Context, a access, orgID int64) error {
	org, err := s.store.OrganisationByID(ctx, a.community.ID, orgID)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		var p domain.Problems
		p.Add("organisation_id", "unknown", "there is no such organisation in this community")
		return p.Err()
	case err != nil:
		return err
	case org.Status != domain.OrgApproved:
		return offerConflict("not_approved", "organisation_id", "the organisation is not approved yet")
	case a.can(domain.PermCoordinate):
		return nil
	}
	_, err = s.store.OrganisationRole(ctx, a.community.ID, orgID, a.user.ID)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Forbidden("not_organiser", "only the organisation's admins and coordinators offer in its name")
	}
	return err
}

// checkNewOffer adds the rules that need the community and the clock to
// the offer's own, reporting every invalid field at once.
func (s *Service) checkNewOffer(a access, o domain.Offer) error {
	var p domain.Problems
	if err := o.Validate(); err != nil {
		var de *domain.Error
		if !errors.As(err, &de) {
			return err
		}
		p = de.Fields
	}
	if o.Location.Valid() && !geo.Contains(a.community.Center, a.community.RadiusKM, o.Location) {
		p.Add("location", "outside_area", "this place is outside the community's area")
	}
	if o.AvailableUntil != nil && !o.AvailableUntil.After(s.now()) {
		p.Add("available_until", "in_past", "available_until must be in the future")
	}
	return p.Err()
}

// Offers lists the active offers still available, without private
// details; near a place only those within the radius, nearest first.
func (s *Service) Offers(ctx context.Context, slug string, q OfferQuery) ([]OfferView, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return nil, err
	}
	if err := checkOfferQuery(q); err != nil {
		return nil, err
	}
	f := domain.OfferFilter{Kind: q.Kind, Category: q.Category, Text: q.Text, Now: s.now(), Page: clampPage(q.Page)}
	if q.Near != nil {
		f.Cells = geo.Covering(*q.Near, q.RadiusKM)
	}
	list, err := s.store.FindOffers(ctx, a.community.ID, f)
	if err != nil {
		return nil, err
	}
	out := make([]OfferView, 0, len(list))
	for _, o := range list {
		if q.Near != nil && !geo.Contains(*q.Near, q.RadiusKM, o.Approx) {
			continue
		}
		v := publicOfferView(o, a.user.ID)
		if q.Near != nil {
			d := geo.Distance(*q.Near, o.Approx)
			v.DistanceKM = &d
		}
		out = append(out, v)
	}
	if q.Near != nil {
		sort.SliceStable(out, func(i, j int) bool { return *out[i].DistanceKM < *out[j].DistanceKM })
	}
	return out, nil
}

func checkOfferQuery(q OfferQuery) error {
	var p domain.Problems
	if q.Kind != "" && !slices.Contains(domain.OfferKinds, q.Kind) {
		p.Add("kind", "unknown", "kind is goods, service or space")
	}
	if q.Category != "" && !slices.Contains(domain.OfferCategories, q.Category) {
		p.Add("category", "unknown", "choose one of the offer categories")
	}
	if utf8.RuneCountInString(q.Text) > domain.MaxOfferSearchLen {
		p.Add("q", "length", "search with at most 80 characters")
	}
	if q.Near != nil && (q.RadiusKM <= 0 || q.RadiusKM > 100) {
		p.Add("radius_km", "range", "the radius is more than 0 and at most 100 km")
	}
	return p.Err()
}

// OfferDetail returns one offer as the actor may see it. A withdrawn offer
// is shown only to its offerer and the coordinators.
func (s *Service) OfferDetail(ctx context.Context, slug string, id int64) (OfferView, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return OfferView{}, err
	}
	o, err := s.offer(ctx, a, id)
	if err != nil {
		return OfferView{}, err
	}
	if seesOfferDetails(a, o) {
		return s.privateOfferView(ctx, a, o)
	}
	if o.Status != domain.OfferActive {
		return OfferView{}, domain.NotFound("offer")
	}
	return publicOfferView(o, a.user.ID), nil
}

// WithdrawOffer stops an offer taking reservations: its offerer or a
// coordinator may. What is already linked stays promised.
func (s *Service) WithdrawOffer(ctx context.Context, slug string, id int64) (OfferView, error) {
	a, err := s.authorize(ctx, slug, domain.PermViewCommunity)
	if err != nil {
		return OfferView{}, err
	}
	var o domain.Offer
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if o, err = s.offer(ctx, a, id); err != nil {
			return err
		}
		if !seesOfferDetails(a, o) {
			if o.Status != domain.OfferActive {
				return domain.NotFound("offer")
			}
			return domain.Forbidden("forbidden", "only the person who offered and the coordinators may withdraw an offer")
		}
		if err := s.store.WithdrawOffer(ctx, a.community.ID, id); err != nil {
			if errors.Is(err, domain.ErrStateChanged) {
				return offerConflict("offer_withdrawn", "status", "the offer was withdrawn already")
			}
			return err
		}
		o, err = s.store.OfferByID(ctx, a.community.ID, id)
		return err
	})
	if err != nil {
		return OfferView{}, err
	}
	return s.privateOfferView(ctx, a, o)
}

func (s *Service) offer(ctx context.Context, a access, id int64) (domain.Offer, error) {
	o, err := s.store.OfferByID(ctx, a.community.ID, id)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.Offer{}, domain.NotFound("offer")
	}
	return o, err
}

// offerConflict is a conflict that names the field the caller may change.
func offerConflict(code, field, msg string) error {
	return &domain.Error{Kind: domain.KindConflict, Code: code, Message: msg,
		Fields: []domain.FieldError{{Field: field, Code: code, Message: msg}}}
}
