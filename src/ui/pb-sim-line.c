/* pb-sim-line.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pb-sim-line.h"

struct _PbSimLine
{
  GObject parent_instance;

  PbSimLineKind    kind;
  PbSimStep       *step;
  PbSimStep       *saved_step;
  PbSimDifference  differences;
  PbFinding       *flag;
  PbSimFlagChange  flag_change;
};

G_DEFINE_FINAL_TYPE (PbSimLine, pb_sim_line, G_TYPE_OBJECT)

static void
pb_sim_line_dispose (GObject *object)
{
  PbSimLine *self = (PbSimLine *)object;

  g_clear_object (&self->step);
  g_clear_object (&self->saved_step);
  g_clear_object (&self->flag);

  G_OBJECT_CLASS (pb_sim_line_parent_class)->dispose (object);
}

static void
pb_sim_line_class_init (PbSimLineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pb_sim_line_dispose;
}

static void
pb_sim_line_init (PbSimLine *self)
{
}

static PbSimLine *
step_line_new (PbSimStep       *step,
               PbSimStep       *saved_step,
               PbSimDifference  differences)
{
  PbSimLine *self = g_object_new (PB_TYPE_SIM_LINE, NULL);

  self->kind = PB_SIM_LINE_STEP;
  self->step = g_object_ref (step);
  self->saved_step = saved_step ? g_object_ref (saved_step) : NULL;
  self->differences = differences;

  return self;
}

static PbSimLine *
flag_line_new (PbSimStep       *step,
               PbFinding       *flag,
               PbSimFlagChange  change)
{
  PbSimLine *self = g_object_new (PB_TYPE_SIM_LINE, NULL);

  self->kind = PB_SIM_LINE_FLAG;
  self->step = g_object_ref (step);
  self->flag = g_object_ref (flag);
  self->flag_change = change;

  return self;
}

static void
add_step (GPtrArray       *lines,
          PbSimStep       *step,
          PbSimComparison *comparison)
{
  PbSimStep *saved = comparison ? pb_sim_comparison_get_before (comparison) : NULL;
  PbSimDifference differences = comparison ? pb_sim_comparison_get_differences (comparison) : PB_SIM_DIFFERENCE_NONE;

  g_ptr_array_add (lines, step_line_new (step, saved, differences));

  for (guint i = 0; i < pb_sim_step_get_n_flags (step); i++)
    {
      PbFinding *flag = pb_sim_step_get_flag (step, i);
      PbSimFlagChange change = PB_SIM_FLAG_IN_BOTH;

      if (saved != NULL && !pb_sim_step_has_flag (saved, pb_finding_get_code (flag), pb_finding_get_subject_id (flag)))
        change = PB_SIM_FLAG_ADDED;
      g_ptr_array_add (lines, flag_line_new (step, flag, change));
    }

  /* What publishing the draft takes away is a difference too. */
  for (guint i = 0; saved != NULL && i < pb_sim_step_get_n_flags (saved); i++)
    {
      PbFinding *flag = pb_sim_step_get_flag (saved, i);

      if (!pb_sim_step_has_flag (step, pb_finding_get_code (flag), pb_finding_get_subject_id (flag)))
        g_ptr_array_add (lines, flag_line_new (step, flag, PB_SIM_FLAG_REMOVED));
    }
}

GPtrArray *
pb_sim_line_build_timeline (GListModel *steps,
                            GListModel *comparisons)
{
  GPtrArray *lines;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (steps), NULL);
  g_return_val_if_fail (comparisons == NULL || G_IS_LIST_MODEL (comparisons), NULL);

  n = g_list_model_get_n_items (steps);
  g_return_val_if_fail (comparisons == NULL || g_list_model_get_n_items (comparisons) == n, NULL);

  lines = g_ptr_array_new_full (n * 2, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PbSimStep) step = g_list_model_get_item (steps, i);
      g_autoptr(PbSimComparison) comparison = comparisons ? g_list_model_get_item (comparisons, i) : NULL;

      add_step (lines, step, comparison);
    }

  return lines;
}

PbSimLineKind
pb_sim_line_get_kind (PbSimLine *self)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (self), PB_SIM_LINE_STEP);
  return self->kind;
}

PbSimStep *
pb_sim_line_get_step (PbSimLine *self)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (self), NULL);
  return self->step;
}

PbSimStep *
pb_sim_line_get_saved_step (PbSimLine *self)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (self), NULL);
  return self->saved_step;
}

PbSimDifference
pb_sim_line_get_differences (PbSimLine *self)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (self), PB_SIM_DIFFERENCE_NONE);
  return self->differences;
}

PbFinding *
pb_sim_line_get_flag (PbSimLine *self)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (self), NULL);
  return self->flag;
}

PbSimFlagChange
pb_sim_line_get_flag_change (PbSimLine *self)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (self), PB_SIM_FLAG_IN_BOTH);
  return self->flag_change;
}

static gboolean
strv_equal0 (const char * const *a,
             const char * const *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal (a, b);
}

/* What a step line shows: its place, its event, both systems, what
 * changed and the rule that decided. */
static gboolean
step_equal (PbSimStep *a,
            PbSimStep *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  return pb_sim_step_get_index (a) == pb_sim_step_get_index (b) &&
         pb_sim_step_get_changes (a) == pb_sim_step_get_changes (b) &&
         pb_sim_step_get_logged_in (a) == pb_sim_step_get_logged_in (b) &&
         pb_sim_step_get_presence_online (a) == pb_sim_step_get_presence_online (b) &&
         g_strcmp0 (pb_sim_step_get_event_text (a), pb_sim_step_get_event_text (b)) == 0 &&
         g_strcmp0 (pb_sim_step_get_state_id (a), pb_sim_step_get_state_id (b)) == 0 &&
         g_strcmp0 (pb_sim_step_get_state_name (a), pb_sim_step_get_state_name (b)) == 0 &&
         g_strcmp0 (pb_sim_step_get_presence (a), pb_sim_step_get_presence (b)) == 0 &&
         g_strcmp0 (pb_sim_step_get_presence_label (a), pb_sim_step_get_presence_label (b)) == 0 &&
         g_strcmp0 (pb_sim_step_get_rule (a), pb_sim_step_get_rule (b)) == 0 &&
         strv_equal0 (pb_sim_step_get_explanation (a), pb_sim_step_get_explanation (b));
}

gboolean
pb_sim_line_equal (PbSimLine *a,
                   PbSimLine *b)
{
  g_return_val_if_fail (PB_IS_SIM_LINE (a), FALSE);
  g_return_val_if_fail (PB_IS_SIM_LINE (b), FALSE);

  if (a->kind != b->kind)
    return FALSE;

  if (a->kind == PB_SIM_LINE_FLAG)
    return a->flag_change == b->flag_change &&
           pb_sim_step_get_index (a->step) == pb_sim_step_get_index (b->step) &&
           pb_finding_equal (a->flag, b->flag);

  return a->differences == b->differences &&
         step_equal (a->step, b->step) &&
         step_equal (a->saved_step, b->saved_step);
}
