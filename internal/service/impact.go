package service

import (
	"context"
	"errors"
	"time"

	"mutua/internal/domain"
)

// ImpactStore reads what the impact figures are computed from.
type ImpactStore interface {
	// ImpactFacts reads the community's facts of [from, to); shifts count
	// only when they began before now.
	ImpactFacts(ctx context.Context, communityID int64, from, to, now time.Time) (domain.ImpactFacts, error)
	// CommunityPopulations returns the populations set, by community id.
	CommunityPopulations(ctx context.Context) (map[int64]int, error)
	// SetCommunityPopulation records a population; an unknown community is
	// domain.ErrNotFound.
	SetCommunityPopulation(ctx context.Context, communityID int64, population int) error
}

// ImpactMonths is how many months the dashboard and the API cover, the
// current one included.
const ImpactMonths = 12

// MaxPopulation bounds the population an operator may set.
const MaxPopulation = 100_000_000

// ImpactReport is a community's figures month by month.
type ImpactReport struct {
	Community string `json:"community"`
	Name      string `json:"name"`
	Timezone  string `json:"timezone"`
	// Exact is true when nothing is suppressed: the reader administers the
	// community.
	Exact      bool          `json:"exact" doc:"true for the community's admins, who see every figure as it is"`
	Categories []string      `json:"categories" doc:"the categories with figures, in name order"`
	Months     []ImpactMonth `json:"months"`
	// Total is the whole period, all categories and each category; its
	// distinct counts (people, volunteers) are not sums of the months'.
	Total ImpactMonth `json:"total" doc:"the twelve months together; month is the first"`
}

// ImpactMonth is one month: all categories together and each category.
type ImpactMonth struct {
	// Month is "2006-01" in the community's time.
	Month      string               `json:"month" example:"2026-03"`
	Start      time.Time            `json:"start"`
	Total      domain.ImpactCells   `json:"total"`
	Categories []ImpactCategoryCell `json:"categories"`
}

// ImpactCategoryCell is one category's figures.
type ImpactCategoryCell struct {
	Category string             `json:"category"`
	Cells    domain.ImpactCells `json:"figures"`
}

// ImpactSummary is the public summary of the last ImpactMonths months,
// always suppressed.
type ImpactSummary struct {
	Community  string               `json:"community"`
	From       time.Time            `json:"from"`
	To         time.Time            `json:"to"`
	Total      domain.ImpactCells   `json:"total"`
	Categories []ImpactCategoryCell `json:"categories"`
}

// ImpactMonthly returns the community's last ImpactMonths months. Anyone
// may read it; only its admins (and operators) see small figures as they
// are.
func (s *Service) ImpactMonthly(ctx context.Context, slug string) (ImpactReport, error) {
	a, err := s.reader(ctx, slug)
	if err != nil {
		return ImpactReport{}, err
	}
	exact := a.can(domain.PermEditCommunity)
	bounds := domain.MonthBounds(s.now(), a.community.Location(), ImpactMonths-1)
	facts, err := s.impactFacts(ctx, a.community, bounds)
	if err != nil {
		return ImpactReport{}, err
	}
	rep := ImpactReport{Community: a.community.Slug, Name: a.community.Name, Timezone: a.community.Timezone, Exact: exact,
		Months: impactMonths(domain.SummarizeImpact(facts, bounds), exact), Categories: []string{}}
	whole := impactMonths(domain.SummarizeImpact(facts, []time.Time{bounds[0], bounds[len(bounds)-1]}), exact)
	rep.Total = whole[0]
	for _, c := range rep.Total.Categories {
		rep.Categories = append(rep.Categories, c.Category)
	}
	return rep, nil
}

// impactMonths groups rows (each period's all-categories row first, then
// its categories in name order) into months.
func impactMonths(rows []domain.ImpactRow, exact bool) []ImpactMonth {
	var out []ImpactMonth
	for _, r := range rows {
		if r.Category == "" {
			out = append(out, ImpactMonth{Month: r.Start.Format("2006-01"), Start: r.Start, Total: r.Cells(exact),
				Categories: []ImpactCategoryCell{}})
			continue
		}
		m := &out[len(out)-1]
		m.Categories = append(m.Categories, ImpactCategoryCell{Category: r.Category, Cells: categoryCells(r.ImpactFigures, exact)})
	}
	return out
}

// ImpactSummaryOf returns the public summary of the community's last
// ImpactMonths months, suppressed for every reader.
func (s *Service) ImpactSummaryOf(ctx context.Context, slug string) (ImpactSummary, error) {
	c, err := s.communityBySlug(ctx, slug)
	if err != nil {
		return ImpactSummary{}, err
	}
	return s.impactSummary(ctx, c)
}

func (s *Service) impactSummary(ctx context.Context, c domain.Community) (ImpactSummary, error) {
	months := domain.MonthBounds(s.now(), c.Location(), ImpactMonths-1)
	bounds := []time.Time{months[0], months[len(months)-1]}
	facts, err := s.impactFacts(ctx, c, bounds)
	if err != nil {
		return ImpactSummary{}, err
	}
	whole := impactMonths(domain.SummarizeImpact(facts, bounds), false)[0]
	return ImpactSummary{Community: c.Slug, From: bounds[0], To: bounds[1], Total: whole.Total, Categories: whole.Categories}, nil
}

// categoryCells publishes a category's figures. New volunteers have no
// category, so the cell is missing rather than a misleading 0.
func categoryCells(f domain.ImpactFigures, exact bool) domain.ImpactCells {
	c := f.Cells(exact)
	c.NewVolunteers = domain.StatCell{Missing: true}
	return c
}

func (s *Service) impactFacts(ctx context.Context, c domain.Community, bounds []time.Time) (domain.ImpactFacts, error) {
	return s.store.ImpactFacts(ctx, c.ID, bounds[0].UTC(), bounds[len(bounds)-1].UTC(), s.now().UTC())
}

// SetCommunityPopulation records the population of the area a community
// serves (0: unknown). Only operators set it.
func (s *Service) SetCommunityPopulation(ctx context.Context, slug string, population int) error {
	u, err := s.actor(ctx)
	if err != nil {
		return err
	}
	if !u.IsOperator {
		return domain.Forbidden("forbidden", "only the operator sets a community's population")
	}
	if population < 0 || population > MaxPopulation {
		var p domain.Problems
		p.Add("population", "out_of_range", "the population is a whole number from 0 to 100,000,000")
		return p.Err()
	}
	c, err := s.communityBySlug(ctx, slug)
	if err != nil {
		return err
	}
	err = s.store.SetCommunityPopulation(ctx, c.ID, population)
	if errors.Is(err, domain.ErrNotFound) {
		return domain.NotFound("community")
	}
	return err
}
