package service

import (
	"context"

	"mutua/internal/domain"
)

// ImpactComparison sets the communities of the instance side by side,
// grouped by population band, with their last ImpactMonths months
// suppressed as in every public figure.
type ImpactComparison struct {
	// CanSetPopulation is true for operators, who set the populations.
	CanSetPopulation bool              `json:"can_set_population"`
	Bands            []ImpactBand      `json:"bands"`
	Unknown          []CommunityImpact `json:"unknown_population" doc:"communities without a population"`
}

// ImpactBand is one population band: from Min inhabitants to below Max
// (0: no upper bound).
type ImpactBand struct {
	Min         int               `json:"min"`
	Max         int               `json:"max"`
	Communities []CommunityImpact `json:"communities"`
}

// CommunityImpact is one community's line of the comparison.
type CommunityImpact struct {
	Slug       string `json:"slug"`
	Name       string `json:"name"`
	Population int    `json:"population"`
	domain.ImpactCells
	RequestsPerThousand   domain.StatCell `json:"requests_per_1000"`
	HoursPerThousand      domain.StatCell `json:"hours_per_1000"`
	HelpedPerThousand     domain.StatCell `json:"people_helped_per_1000"`
	VolunteersPerThousand domain.StatCell `json:"active_volunteers_per_1000"`
}

// ImpactComparisonOf compares every community of the instance. Anyone may
// read it: every figure is suppressed.
func (s *Service) ImpactComparisonOf(ctx context.Context) (ImpactComparison, error) {
	var out ImpactComparison
	if u, err := s.actor(ctx); err == nil {
		out.CanSetPopulation = u.IsOperator
	}
	pops, err := s.store.CommunityPopulations(ctx)
	if err != nil {
		return out, err
	}
	for i, lo := range domain.PopulationBands {
		b := ImpactBand{Min: lo, Communities: []CommunityImpact{}}
		if i+1 < len(domain.PopulationBands) {
			b.Max = domain.PopulationBands[i+1]
		}
		out.Bands = append(out.Bands, b)
	}
	out.Unknown = []CommunityImpact{}
	for page := (domain.Page{Limit: 200}); ; page.Offset += page.Limit {
		list, err := s.store.ListCommunities(ctx, page)
		if err != nil {
			return out, err
		}
		for _, c := range list {
			sum, err := s.impactSummary(ctx, c)
			if err != nil {
				return out, err
			}
			line := communityImpact(c, pops[c.ID], sum.Total)
			if band := domain.PopulationBand(line.Population); band >= 0 {
				out.Bands[band].Communities = append(out.Bands[band].Communities, line)
			} else {
				out.Unknown = append(out.Unknown, line)
			}
		}
		if len(list) < page.Limit {
			return out, nil
		}
	}
}

func communityImpact(c domain.Community, population int, cells domain.ImpactCells) CommunityImpact {
	return CommunityImpact{
		Slug: c.Slug, Name: c.Name, Population: population, ImpactCells: cells,
		RequestsPerThousand:   domain.PerThousand(cells.RequestsMade, population),
		HoursPerThousand:      domain.PerThousand(cells.Hours, population),
		HelpedPerThousand:     domain.PerThousand(cells.PeopleHelped, population),
		VolunteersPerThousand: domain.PerThousand(cells.ActiveVolunteers, population),
	}
}
