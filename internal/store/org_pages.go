package store

import (
	"context"
	"fmt"

	"mutua/internal/domain"
)

// OrganisationPeople returns the accounts holding each role in the
// organisation, each list ordered by name. Only the id and name of each
// account are read: the pages show no more.
func (s *Store) OrganisationPeople(ctx context.Context, communityID, orgID int64) (map[domain.OrgRole][]domain.User, error) {
	rows, err := s.reader(ctx).query(ctx, `
		SELECT om.role, u.id, u.name
		FROM organisation_members om
		JOIN users u ON u.id = om.user_id
		WHERE om.community_id = ? AND om.organisation_id = ?
		ORDER BY u.name, u.id`, communityID, orgID)
	if err != nil {
		return nil, fmt.Errorf("people of organisation %d: %w", orgID, mapError(err))
	}
	type person struct {
		role domain.OrgRole
		user domain.User
	}
	list, err := collect(rows, func(r scanner) (person, error) {
		var p person
		err := r.Scan(&p.role, &p.user.ID, &p.user.Name)
		return p, err
	})
	if err != nil {
		return nil, fmt.Errorf("people of organisation %d: %w", orgID, err)
	}
	byRole := map[domain.OrgRole][]domain.User{}
	for _, p := range list {
		byRole[p.role] = append(byRole[p.role], p.user)
	}
	return byRole, nil
}
