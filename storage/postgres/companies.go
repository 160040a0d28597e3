package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/babillard/babillard/group"
	"github.com/babillard/babillard/storage"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
)

const companyColumns = `id, legal_name, neq, business_number, siret, head_office, phone, status,
	requested_by, created_at, version`

func scanCompany(row pgx.Row) (group.Company, error) {
	var c group.Company
	err := row.Scan(&c.ID, &c.LegalName, &c.NEQ, &c.BusinessNumber, &c.SIRET, &c.HeadOffice, &c.Phone,
		&c.Status, scanID(&c.RequestedBy), scanTime(&c.CreatedAt), &c.Version)
	return c, err
}

// CreateCompany stores a new company with version 1 (setting c.Version); a
// taken ID is storage.ErrDuplicate.
func (s *Store) CreateCompany(ctx context.Context, c *group.Company) error {
	// ON CONFLICT DO NOTHING rather than a unique violation: an error would
	// abort the caller's transaction, which may want to go on.
	tag, err := s.db(ctx).Exec(ctx, s.sql(`INSERT INTO {s}babillard_companies
		(id, legal_name, neq, business_number, siret, head_office, phone, status,
		 requested_by, created_at, version, search_text, registry_numbers)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12)
		ON CONFLICT DO NOTHING`),
		c.ID, c.LegalName, c.NEQ, c.BusinessNumber, c.SIRET, c.HeadOffice, c.Phone, string(c.Status),
		nullID(c.RequestedBy), c.CreatedAt, c.SearchText(), registryKeys(c))
	if err != nil {
		return mapErr("create company", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("postgres: create company %s: %w", c.ID, storage.ErrDuplicate)
	}
	c.Version = 1
	return nil
}

// Company returns a company by ID.
func (s *Store) Company(ctx context.Context, id uuid.UUID) (group.Company, error) {
	return queryOne(ctx, s, scanCompany, "company "+id.String(), `SELECT `+companyColumns+`
		FROM {s}babillard_companies WHERE id = $1`, id)
}

// UpdateCompany writes a company if c.Version is the stored version, stores
// version+1 and increments c.Version; a stale version is
// storage.ErrConflict, a missing company storage.ErrNotFound.
func (s *Store) UpdateCompany(ctx context.Context, c *group.Company) error {
	tag, err := s.db(ctx).Exec(ctx, s.sql(`UPDATE {s}babillard_companies SET
		legal_name = $3, neq = $4, business_number = $5, siret = $6, head_office = $7, phone = $8,
		status = $9, requested_by = $10, created_at = $11, search_text = $12, registry_numbers = $13,
		version = version + 1
		WHERE id = $1 AND version = $2`),
		c.ID, c.Version, c.LegalName, c.NEQ, c.BusinessNumber, c.SIRET, c.HeadOffice, c.Phone,
		string(c.Status), nullID(c.RequestedBy), c.CreatedAt, c.SearchText(), registryKeys(c))
	if err != nil {
		return mapErr("update company", err)
	}
	if tag.RowsAffected() == 0 {
		return s.updateMiss(ctx, "company", c.ID, c.Version, nil, `SELECT version FROM {s}babillard_companies WHERE id = $1`, c.ID)
	}
	c.Version++
	return nil
}

// SearchCompanies returns the companies matching q ordered by legal name
// (byte-wise) then ID, at most q.Limit (50 when 0). Every word of the folded
// q.Keyword must occur in the company's SearchText; q.RegistryNumber, spaces
// and hyphens removed, must equal one of its RegistryNumbers.
func (s *Store) SearchCompanies(ctx context.Context, q group.CompanyQuery) ([]group.Company, error) {
	w := companyWhere(q)
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	args := append(w.args, limit)
	query := `SELECT ` + companyColumns + ` FROM {s}babillard_companies` + w.clause() +
		` ORDER BY legal_name, id LIMIT $` + strconv.Itoa(len(args))
	rows, err := s.db(ctx).Query(ctx, s.sql(query), args...)
	if err != nil {
		return nil, mapErr("search companies", err)
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (group.Company, error) { return scanCompany(row) })
	if err != nil {
		return nil, mapErr("search companies", err)
	}
	return out, nil
}

// companyWhere returns the conditions of a company search.
func companyWhere(q group.CompanyQuery) where {
	var w where
	for _, word := range strings.Fields(group.Fold(q.Keyword)) {
		w.add(`search_text LIKE ? ESCAPE '\'`, containsPattern(word))
	}
	if q.RegistryNumber != "" {
		w.add(`registry_numbers @> ARRAY[?::text]`, registryKey(q.RegistryNumber))
	}
	if q.Status != "" {
		w.add(`status = ?`, string(q.Status))
	}
	return w
}

// where builds a WHERE clause from constant conditions, each with one ?
// that becomes the next numbered placeholder; values only ever travel as
// arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, arg any) {
	w.args = append(w.args, arg)
	w.conds = append(w.conds, strings.Replace(cond, "?", "$"+strconv.Itoa(len(w.args)), 1))
}

// clause returns " WHERE c1 AND c2…", or "" without conditions.
func (w *where) clause() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// updateMiss tells why an optimistic update changed no row: versionQuery
// (with args) returns the stored version of the record; no row means
// storage.ErrNotFound, another version storage.ErrConflict; otherwise a
// record the update references is missing (storage.ErrNotFound), or the
// record changed between the two statements (storage.ErrConflict).
func (s *Store) updateMiss(ctx context.Context, what string, key any, version int64, refs []ref, versionQuery string, args ...any) error {
	var stored int64
	err := s.db(ctx).QueryRow(ctx, s.sql(versionQuery), args...).Scan(&stored)
	if err != nil {
		return mapErr(fmt.Sprintf("update %s %v", what, key), err)
	}
	if stored != version {
		return fmt.Errorf("postgres: update %s %v: version %d, stored %d: %w", what, key, version, stored, storage.ErrConflict)
	}
	if err := s.missingRef(ctx, "update "+what, key, refs); err != nil {
		return err
	}
	return fmt.Errorf("postgres: update %s %v: %w", what, key, storage.ErrConflict)
}
