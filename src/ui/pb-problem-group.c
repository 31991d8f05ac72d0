/* pb-problem-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pb-problem-group.h"
#include "pb-ui-util.h"

struct _PbProblemGroup
{
  GObject parent_instance;

  PbSeverity  severity;
  char       *code;
  char       *title;  /* a code the checks do not know: the platform's */
  GListStore *findings;
};

G_DEFINE_FINAL_TYPE (PbProblemGroup, pb_problem_group, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
findings_changed_cb (PbProblemGroup *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINDINGS]);
}

static void
pb_problem_group_finalize (GObject *object)
{
  PbProblemGroup *self = (PbProblemGroup *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (pb_problem_group_parent_class)->finalize (object);
}

static void
pb_problem_group_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PbProblemGroup *self = PB_PROBLEM_GROUP (object);

  switch (prop_id)
    {
    case PROP_N_FINDINGS:
      g_value_set_uint (value, pb_problem_group_get_n_findings (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pb_problem_group_class_init (PbProblemGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pb_problem_group_finalize;
  object_class->get_property = pb_problem_group_get_property;

  properties[PROP_N_FINDINGS] =
    g_param_spec_uint ("n-findings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pb_problem_group_init (PbProblemGroup *self)
{
  self->findings = g_list_store_new (PB_TYPE_FINDING);
  g_signal_connect_object (self->findings, "items-changed", G_CALLBACK (findings_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

PbProblemGroup *
pb_problem_group_new (PbSeverity  severity,
                      const char *code)
{
  PbProblemGroup *self;

  g_return_val_if_fail (code != NULL, NULL);

  self = g_object_new (PB_TYPE_PROBLEM_GROUP, NULL);

  self->severity = severity;
  self->code = g_strdup (code);
  /* Only the platform's findings (a 422) have codes of their own: the
   * title says whose they are; the code is its words, shown as text. */
  if (pb_check_registry_lookup (code) == NULL)
    {
      g_autofree char *shown = pb_ui_dup_display_text (code);

      /* Translators: %s is the platform's code for what it refused, e.g. mapping_refused */
      self->title = g_strdup_printf (_("Refused by the platform: %s"), shown);
    }

  return self;
}

PbSeverity
pb_problem_group_get_severity (PbProblemGroup *self)
{
  g_return_val_if_fail (PB_IS_PROBLEM_GROUP (self), PB_SEVERITY_ERROR);
  return self->severity;
}

const char *
pb_problem_group_get_code (PbProblemGroup *self)
{
  g_return_val_if_fail (PB_IS_PROBLEM_GROUP (self), NULL);
  return self->code;
}

/* Groups are listed in the order of the checks' registry within a
 * severity; a code no check has (a platform's own finding) comes last. */
static guint
check_rank (const char *code)
{
  guint n_checks;
  const PbCheckInfo *checks = pb_check_registry_get_all (&n_checks);

  for (guint i = 0; i < n_checks; i++)
    if (g_str_equal (checks[i].code, code))
      return i;

  return n_checks;
}

const char *
pb_problem_group_get_title (PbProblemGroup *self)
{
  g_return_val_if_fail (PB_IS_PROBLEM_GROUP (self), NULL);

  return self->title != NULL ? self->title : pb_check_registry_get_title (self->code);
}

int
pb_problem_group_compare (PbProblemGroup *a,
                          PbProblemGroup *b)
{
  guint rank_a, rank_b;

  if (a->severity != b->severity)
    return (int)a->severity - (int)b->severity;

  rank_a = check_rank (a->code);
  rank_b = check_rank (b->code);
  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;

  return strcmp (a->code, b->code);
}

GListModel *
pb_problem_group_get_findings (PbProblemGroup *self)
{
  g_return_val_if_fail (PB_IS_PROBLEM_GROUP (self), NULL);
  return G_LIST_MODEL (self->findings);
}

guint
pb_problem_group_get_n_findings (PbProblemGroup *self)
{
  g_return_val_if_fail (PB_IS_PROBLEM_GROUP (self), 0);
  return g_list_model_get_n_items (G_LIST_MODEL (self->findings));
}
