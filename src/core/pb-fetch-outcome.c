/* pb-fetch-outcome.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-fetch-outcome.h"

struct _PbFetchOutcome
{
  GObject parent_instance;

  GListModel *list_changes;
  PbFetchDraft draft;
  gboolean conflict;
  guint revision;
};

G_DEFINE_FINAL_TYPE (PbFetchOutcome, pb_fetch_outcome, G_TYPE_OBJECT)

static void
pb_fetch_outcome_finalize (GObject *object)
{
  PbFetchOutcome *self = (PbFetchOutcome *)object;

  g_clear_object (&self->list_changes);

  G_OBJECT_CLASS (pb_fetch_outcome_parent_class)->finalize (object);
}

static void
pb_fetch_outcome_class_init (PbFetchOutcomeClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_fetch_outcome_finalize;
}

static void
pb_fetch_outcome_init (PbFetchOutcome *self)
{
}

PbFetchOutcome *
pb_fetch_outcome_new (GListModel   *list_changes,
                      PbFetchDraft  draft,
                      gboolean      conflict,
                      guint         revision)
{
  PbFetchOutcome *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (list_changes), NULL);

  self = g_object_new (PB_TYPE_FETCH_OUTCOME, NULL);
  self->list_changes = g_object_ref (list_changes);
  self->draft = draft;
  self->conflict = conflict;
  self->revision = revision;
  return self;
}

GListModel *
pb_fetch_outcome_get_list_changes (PbFetchOutcome *self)
{
  g_return_val_if_fail (PB_IS_FETCH_OUTCOME (self), NULL);
  return self->list_changes;
}

PbFetchDraft
pb_fetch_outcome_get_draft (PbFetchOutcome *self)
{
  g_return_val_if_fail (PB_IS_FETCH_OUTCOME (self), PB_FETCH_DRAFT_KEPT);
  return self->draft;
}

gboolean
pb_fetch_outcome_get_conflict (PbFetchOutcome *self)
{
  g_return_val_if_fail (PB_IS_FETCH_OUTCOME (self), FALSE);
  return self->conflict;
}

guint
pb_fetch_outcome_get_revision (PbFetchOutcome *self)
{
  g_return_val_if_fail (PB_IS_FETCH_OUTCOME (self), 0);
  return self->revision;
}
