package repo

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"sdelka/model"
)

// Pipeline settings: pipelines and their stages, the lost-reasons
// dictionary. Administrators edit them; everyone who works with deals reads
// them.

const stageCols = `id, pipeline_id, code, name, sort, kind, probability_bp, expected_result, default_role, norm_days, version`

func scanStage(sc scanner) (model.Stage, error) {
	var s model.Stage
	var kind, role string
	err := sc.Scan(&s.ID, &s.PipelineID, &s.Code, &s.Name, &s.Sort, &kind, &s.ProbabilityBP, &s.ExpectedResult, &role, &s.NormDays, &s.Version)
	s.Kind, s.DefaultRole = model.StageKind(kind), model.Role(role)
	return s, err
}

// loadPipeline reads a pipeline with its stages in order; "" is the
// default pipeline.
func loadPipeline(ctx context.Context, q queryer, id string) (model.Pipeline, error) {
	var p model.Pipeline
	where, args := `is_default = 1`, []any{}
	if id != "" {
		where, args = `id = ?`, []any{id}
	}
	err := q.QueryRowContext(ctx, `SELECT id, name, is_default, sort, version FROM pipelines WHERE deleted_at IS NULL AND `+where, args...).
		Scan(&p.ID, &p.Name, &p.IsDefault, &p.Sort, &p.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return p, fmt.Errorf("pipeline %s: %w", id, model.ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("pipeline %s: %w", id, mapErr(err))
	}
	p.Stages, err = queryAll(ctx, q, "stages", `SELECT `+stageCols+` FROM pipeline_stages WHERE pipeline_id = ? AND deleted_at IS NULL
		ORDER BY sort, id`, scanStage, p.ID)
	return p, err
}

// Pipelines implements model.PipelineService.
func (ss *Session) Pipelines(ctx context.Context) ([]model.Pipeline, error) {
	if _, err := ss.reader(ctx, model.EntityPipeline); err != nil {
		return nil, fmt.Errorf("pipelines: %w", err)
	}
	tx, err := ss.s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, mapErr(err)
	}
	defer tx.Rollback()
	ids, err := queryAll(ctx, tx, "pipelines", `SELECT id FROM pipelines WHERE deleted_at IS NULL ORDER BY is_default DESC, sort, name, id`,
		func(sc scanner) (string, error) {
			var id string
			return id, sc.Scan(&id)
		})
	if err != nil {
		return nil, err
	}
	out := make([]model.Pipeline, 0, len(ids))
	for _, id := range ids {
		p, err := loadPipeline(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func pipelineAudit(p model.Pipeline) map[string]string {
	m := map[string]string{"name": p.Name, "default": strconv.FormatBool(p.IsDefault)}
	var names []string
	for _, s := range p.Stages {
		names = append(names, fmt.Sprintf("%s (%s, %s %%, %s, %d)", s.Name, s.Kind, model.FormatBP(s.ProbabilityBP), s.DefaultRole, s.NormDays))
	}
	m["stages"] = strings.Join(names, "; ")
	return m
}

// SavePipeline implements model.PipelineService.
func (ss *Session) SavePipeline(ctx context.Context, p model.Pipeline) (model.Pipeline, error) {
	p.Name = strings.TrimSpace(p.Name)
	for i := range p.Stages {
		s := &p.Stages[i]
		s.Name, s.ExpectedResult = strings.TrimSpace(s.Name), strings.TrimSpace(s.ExpectedResult)
		if s.DefaultRole == "" {
			s.DefaultRole = model.RoleSeller
		}
	}
	if err := p.Validate().Err(); err != nil {
		return p, err
	}
	var v model.ValidationErrors
	for i, s := range p.Stages {
		if !s.DefaultRole.Valid() {
			v.Add(fmt.Sprintf("stages[%d].role", i), "valid.role")
		}
	}
	if err := v.Err(); err != nil {
		return p, err
	}
	var out model.Pipeline
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActCreate
		if p.ID != "" {
			act = model.ActUpdate
		}
		actor, err := ss.allow(ctx, tx, model.EntityPipeline, act)
		if err != nil {
			return err
		}
		now := ts(ss.s.now())
		var old model.Pipeline
		if p.ID == "" {
			p.ID = ss.s.newID()
			if _, err := tx.ExecContext(ctx, `INSERT INTO pipelines (id, name, is_default, sort, created_at, updated_at) VALUES (?, ?, 0, ?, ?, ?)`,
				p.ID, p.Name, p.Sort, now, now); err != nil {
				return fmt.Errorf("insert pipeline: %w", err)
			}
		} else {
			if old, err = loadPipeline(ctx, tx, p.ID); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `UPDATE pipelines SET name = ?, sort = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?
				AND deleted_at IS NULL`, p.Name, p.Sort, now, p.ID, p.Version)
			if err := staleCheck(res, err, "pipeline", p.ID, p.Version); err != nil {
				return err
			}
		}
		if err := ss.saveStages(ctx, tx, p, old); err != nil {
			return err
		}
		var others int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pipelines WHERE is_default = 1 AND deleted_at IS NULL AND id <> ?`, p.ID).Scan(&others); err != nil {
			return err
		}
		if p.IsDefault || others == 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE pipelines SET is_default = 0 WHERE is_default = 1 AND id <> ?`, p.ID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE pipelines SET is_default = 1 WHERE id = ?`, p.ID); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE pipelines SET is_default = 0 WHERE id = ?`, p.ID); err != nil {
			return err
		}
		if out, err = loadPipeline(ctx, tx, p.ID); err != nil {
			return err
		}
		action, before := model.AuditUpdate, pipelineAudit(old)
		if old.ID == "" {
			action, before = model.AuditCreate, nil
		}
		return ss.s.audit(ctx, tx, actor, action, model.EntityPipeline, p.ID, model.Diff(before, pipelineAudit(out)))
	})
	return out, err
}

// saveStages writes p's stages: those with an ID of the pipeline are
// updated, those without are added, the old ones left out are removed
// (refused while deals are in them, as is changing the kind of such a stage).
func (ss *Session) saveStages(ctx context.Context, tx *sql.Tx, p, old model.Pipeline) error {
	inUse := func(stageID string) (bool, error) {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM deals WHERE stage_id = ? AND deleted_at IS NULL`, stageID).Scan(&n)
		return n > 0, err
	}
	now := ts(ss.s.now())
	kept := map[string]bool{}
	for i, s := range p.Stages {
		if s.ID == "" {
			if _, err := tx.ExecContext(ctx, `INSERT INTO pipeline_stages (id, pipeline_id, code, name, sort, kind, probability_bp, expected_result,
				default_role, norm_days, created_at, updated_at) VALUES (?, ?, '', ?, ?, ?, ?, ?, ?, ?, ?, ?)`, ss.s.newID(), p.ID, s.Name, s.Sort,
				string(s.Kind), s.ProbabilityBP, s.ExpectedResult, string(s.DefaultRole), s.NormDays, now, now); err != nil {
				return fmt.Errorf("insert stage %s: %w", s.Name, err)
			}
			continue
		}
		was, ok := old.StageByID(s.ID)
		if !ok {
			return model.ValidationErrors{{Field: fmt.Sprintf("stages[%d]", i), Msg: model.MsgStageOtherPipe}}
		}
		kept[s.ID] = true
		if was.Kind != s.Kind {
			busy, err := inUse(s.ID)
			if err != nil {
				return err
			}
			if busy {
				return fmt.Errorf("stage %s: %w", was.Name, model.ErrStageInUse)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pipeline_stages SET name = ?, sort = ?, kind = ?, probability_bp = ?, expected_result = ?,
			default_role = ?, norm_days = ?, updated_at = ?, version = version + 1 WHERE id = ?`, s.Name, s.Sort, string(s.Kind), s.ProbabilityBP,
			s.ExpectedResult, string(s.DefaultRole), s.NormDays, now, s.ID); err != nil {
			return fmt.Errorf("update stage %s: %w", s.Name, err)
		}
	}
	for _, s := range old.Stages {
		if kept[s.ID] {
			continue
		}
		busy, err := inUse(s.ID)
		if err != nil {
			return err
		}
		if busy {
			return fmt.Errorf("stage %s: %w", s.Name, model.ErrStageInUse)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE pipeline_stages SET deleted_at = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
			now, now, s.ID); err != nil {
			return err
		}
	}
	return nil
}

func scanLostReason(sc scanner) (model.LostReason, error) {
	var r model.LostReason
	return r, sc.Scan(&r.ID, &r.Name, &r.Sort, &r.Active, &r.Version)
}

// LostReasons implements model.PipelineService.
func (ss *Session) LostReasons(ctx context.Context) ([]model.LostReason, error) {
	if _, err := ss.reader(ctx, model.EntityPipeline); err != nil {
		return nil, fmt.Errorf("lost reasons: %w", err)
	}
	return queryAll(ctx, ss.s.r, "lost reasons", `SELECT id, name, sort, active, version FROM lost_reasons WHERE deleted_at IS NULL
		ORDER BY sort, name_fold`, scanLostReason)
}

// SaveLostReason implements model.PipelineService.
func (ss *Session) SaveLostReason(ctx context.Context, r model.LostReason) (model.LostReason, error) {
	r.Name = strings.TrimSpace(r.Name)
	if r.Name == "" {
		return r, model.ValidationErrors{{Field: "name", Msg: model.MsgRequired}}
	}
	audit := func(x model.LostReason) map[string]string {
		return map[string]string{"lost_reason": x.Name, "sort": strconv.Itoa(x.Sort), "active": strconv.FormatBool(x.Active)}
	}
	err := ss.s.write(ctx, func(tx *sql.Tx) error {
		act := model.ActCreate
		if r.ID != "" {
			act = model.ActUpdate
		}
		actor, err := ss.allow(ctx, tx, model.EntityPipeline, act)
		if err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM lost_reasons WHERE name_fold = ? AND id <> ? AND deleted_at IS NULL`,
			model.FoldText(r.Name), r.ID).Scan(&dup); err != nil {
			return err
		}
		if dup > 0 {
			return model.ValidationErrors{{Field: "name", Msg: "valid.name.taken"}}
		}
		now := ts(ss.s.now())
		if r.ID == "" {
			r.ID, r.Version = ss.s.newID(), 1
			if _, err := tx.ExecContext(ctx, `INSERT INTO lost_reasons (id, name, name_fold, sort, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				r.ID, r.Name, model.FoldText(r.Name), r.Sort, boolInt(r.Active), now, now); err != nil {
				return mapErr(err)
			}
			return ss.s.audit(ctx, tx, actor, model.AuditCreate, model.EntityPipeline, r.ID, model.Diff(nil, audit(r)))
		}
		old, err := queryAll(ctx, tx, "lost reason", `SELECT id, name, sort, active, version FROM lost_reasons WHERE id = ? AND deleted_at IS NULL`,
			scanLostReason, r.ID)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return fmt.Errorf("lost reason %s: %w", r.ID, model.ErrNotFound)
		}
		res, err := tx.ExecContext(ctx, `UPDATE lost_reasons SET name = ?, name_fold = ?, sort = ?, active = ?, updated_at = ?, version = version + 1
			WHERE id = ? AND version = ?`, r.Name, model.FoldText(r.Name), r.Sort, boolInt(r.Active), now, r.ID, r.Version)
		if err := staleCheck(res, err, "lost reason", r.ID, r.Version); err != nil {
			return err
		}
		r.Version++
		return ss.s.audit(ctx, tx, actor, model.AuditUpdate, model.EntityPipeline, r.ID, model.Diff(audit(old[0]), audit(r)))
	})
	return r, err
}

// activeLostReason finds an active entry of the dictionary by ID or by
// name (folded) and returns its name, which the deal keeps.
func activeLostReason(ctx context.Context, q queryer, reason string) (string, error) {
	reason = strings.TrimSpace(reason)
	var name string
	err := q.QueryRowContext(ctx, `SELECT name FROM lost_reasons WHERE (id = ? OR name_fold = ?) AND active = 1 AND deleted_at IS NULL
		ORDER BY id = ? DESC LIMIT 1`, reason, model.FoldText(reason), reason).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return "", model.ValidationErrors{{Field: "lost_reason", Msg: model.MsgLostReasonNeeded}}
	}
	return name, mapErr(err)
}
