/* pb-sim-comparison.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-sim-comparison.h"

struct _PbSimComparison
{
  GObject parent_instance;

  PbSimStep *before;
  PbSimStep *after;
  PbSimDifference differences;
};

G_DEFINE_FINAL_TYPE (PbSimComparison, pb_sim_comparison, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BEFORE,
  PROP_AFTER,
  PROP_DIFFERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pb_sim_comparison_finalize (GObject *object)
{
  PbSimComparison *self = (PbSimComparison *)object;

  g_clear_object (&self->before);
  g_clear_object (&self->after);

  G_OBJECT_CLASS (pb_sim_comparison_parent_class)->finalize (object);
}

static void
pb_sim_comparison_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PbSimComparison *self = PB_SIM_COMPARISON (object);

  switch (prop_id)
    {
    case PROP_BEFORE:
      g_value_set_object (value, self->before);
      break;
    case PROP_AFTER:
      g_value_set_object (value, self->after);
      break;
    case PROP_DIFFERS:
      g_value_set_boolean (value, self->differences != PB_SIM_DIFFERENCE_NONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_sim_comparison_class_init (PbSimComparisonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_sim_comparison_finalize;
  object_class->get_property = pb_sim_comparison_get_property;

  properties[PROP_BEFORE] =
    g_param_spec_object ("before", NULL, NULL, PB_TYPE_SIM_STEP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AFTER] =
    g_param_spec_object ("after", NULL, NULL, PB_TYPE_SIM_STEP,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether anything differs, for a view to bind a highlight to. */
  properties[PROP_DIFFERS] =
    g_param_spec_boolean ("differs", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_sim_comparison_init (PbSimComparison *self)
{
}

/* Every flag of @a is in @b, by code and subject. Steps carry a handful of
 * flags at most, so pairs are compared directly. */
static gboolean
flags_included (PbSimStep *a,
                PbSimStep *b)
{
  guint n = pb_sim_step_get_n_flags (a);

  for (guint i = 0; i < n; i++)
    {
      PbFinding *flag = pb_sim_step_get_flag (a, i);

      if (!pb_sim_step_has_flag (b, pb_finding_get_code (flag), pb_finding_get_subject_id (flag)))
        return FALSE;
    }

  return TRUE;
}

/* What the agent lives through: the two states, the two presences and the
 * flags. Labels and sentences may differ (a status renamed) without
 * anything changing for the agent. */
PbSimDifference
pb_sim_step_compare (PbSimStep *before,
                     PbSimStep *after)
{
  PbSimDifference differences = PB_SIM_DIFFERENCE_NONE;

  g_return_val_if_fail (PB_IS_SIM_STEP (before), PB_SIM_DIFFERENCE_NONE);
  g_return_val_if_fail (PB_IS_SIM_STEP (after), PB_SIM_DIFFERENCE_NONE);

  if (g_strcmp0 (pb_sim_step_get_state_id (before), pb_sim_step_get_state_id (after)) != 0)
    differences |= PB_SIM_DIFFERENCE_STATE;
  if (g_strcmp0 (pb_sim_step_get_presence (before), pb_sim_step_get_presence (after)) != 0)
    differences |= PB_SIM_DIFFERENCE_PRESENCE;
  if (!flags_included (before, after) || !flags_included (after, before))
    differences |= PB_SIM_DIFFERENCE_FLAGS;

  return differences;
}

PbSimComparison *
pb_sim_comparison_new (PbSimStep *before,
                       PbSimStep *after)
{
  PbSimComparison *self;

  g_return_val_if_fail (PB_IS_SIM_STEP (before), NULL);
  g_return_val_if_fail (PB_IS_SIM_STEP (after), NULL);

  self = g_object_new (PB_TYPE_SIM_COMPARISON, NULL);
  self->before = g_object_ref (before);
  self->after = g_object_ref (after);
  self->differences = pb_sim_step_compare (before, after);

  return self;
}

PbSimStep *
pb_sim_comparison_get_before (PbSimComparison *self)
{
  g_return_val_if_fail (PB_IS_SIM_COMPARISON (self), NULL);
  return self->before;
}

PbSimStep *
pb_sim_comparison_get_after (PbSimComparison *self)
{
  g_return_val_if_fail (PB_IS_SIM_COMPARISON (self), NULL);
  return self->after;
}

PbSimDifference
pb_sim_comparison_get_differences (PbSimComparison *self)
{
  g_return_val_if_fail (PB_IS_SIM_COMPARISON (self), PB_SIM_DIFFERENCE_NONE);
  return self->differences;
}
