/* pb-import-plan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-import-plan.h"

#include "pb-checks.h"
#include "pb-diff.h"

struct _PbImportPlan
{
  GObject parent_instance;

  PbConfiguration *imported;
  char *profile_name;  /* NULL: the default, or a new one (see below) */
  char *target_name;
  gboolean creates_profile;
  PbConfiguration *current;
  PbConfiguration *landing;
  GListModel *changes;
  GListModel *list_changes;
  guint n_errors;
};

G_DEFINE_FINAL_TYPE (PbImportPlan, pb_import_plan, G_TYPE_OBJECT)

static void
pb_import_plan_finalize (GObject *object)
{
  PbImportPlan *self = (PbImportPlan *)object;

  g_clear_object (&self->imported);
  g_clear_pointer (&self->profile_name, g_free);
  g_clear_pointer (&self->target_name, g_free);
  g_clear_object (&self->current);
  g_clear_object (&self->landing);
  g_clear_object (&self->changes);
  g_clear_object (&self->list_changes);

  G_OBJECT_CLASS (pb_import_plan_parent_class)->finalize (object);
}

static void
pb_import_plan_class_init (PbImportPlanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pb_import_plan_finalize;
}

static void
pb_import_plan_init (PbImportPlan *self)
{
}

PbImportPlan *
pb_import_plan_new (PbStore          *store,
                    const char       *profile_name,
                    PbConfiguration  *imported,
                    GError          **error)
{
  g_autoptr(PbImportPlan) self = NULL;
  g_autoptr(PbProfile) target = NULL;

  g_return_val_if_fail (PB_IS_STORE (store), NULL);
  g_return_val_if_fail (profile_name == NULL || *profile_name != '\0', NULL);
  g_return_val_if_fail (PB_IS_CONFIGURATION (imported), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  target = pb_store_dup_import_target (store, profile_name, imported, error);
  if (target == NULL)
    return NULL;

  self = g_object_new (PB_TYPE_IMPORT_PLAN, NULL);
  self->imported = g_object_ref (imported);
  self->profile_name = g_strdup (profile_name);
  self->target_name = g_strdup (pb_profile_get_name (target));
  self->creates_profile = pb_profile_get_id (target) == 0;

  if (self->creates_profile)
    {
      self->current = pb_configuration_new ();
      self->landing = g_object_ref (imported);
    }
  else if ((self->current = pb_store_load_draft (store, target, error)) == NULL ||
           (self->landing = pb_store_prepare_import (store, target, imported, error)) == NULL)
    {
      return NULL;
    }

  self->changes = pb_diff_configurations (self->current, self->landing);

  /* The landing lists are the profile's fetched ones: every difference
   * from the file's is shown too, before anything is written. */
  if (pb_configuration_lists_equal (self->landing, imported))
    self->list_changes = G_LIST_MODEL (g_list_store_new (PB_TYPE_CHANGE));
  else
    self->list_changes = pb_diff_configurations (self->landing, imported);

  self->n_errors = pb_checks_count_errors (self->landing);

  return g_steal_pointer (&self);
}

typedef struct
{
  PbStore *store;
  char *profile_name;
  PbConfiguration *imported;
  char *comment;
  guint64 generation;
  PbProfile *profile;
} Call;

static void
call_free (gpointer data)
{
  Call *call = data;

  g_clear_object (&call->store);
  g_free (call->profile_name);
  g_clear_object (&call->imported);
  g_free (call->comment);
  g_clear_object (&call->profile);
  g_free (call);
}

static void
plan_job (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  Call *call = task_data;
  GError *error = NULL;
  PbImportPlan *plan = pb_import_plan_new (call->store, call->profile_name, call->imported, &error);

  if (plan != NULL)
    g_task_return_pointer (task, plan, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
pb_import_plan_new_async (PbStore             *store,
                          const char          *profile_name,
                          PbConfiguration     *imported,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (PB_IS_STORE (store));
  g_return_if_fail (PB_IS_CONFIGURATION (imported));

  call = g_new0 (Call, 1);
  call->store = g_object_ref (store);
  call->profile_name = g_strdup (profile_name);
  call->imported = pb_configuration_copy (imported);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_import_plan_new_async);
  g_task_set_task_data (task, call, call_free);
  pb_store_run_in_worker (store, task, plan_job);
}

PbImportPlan *
pb_import_plan_new_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_import_plan_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

PbConfiguration *
pb_import_plan_get_imported (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), NULL);
  return self->imported;
}

const char *
pb_import_plan_get_profile_name (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), NULL);
  return self->target_name;
}

gboolean
pb_import_plan_get_creates_profile (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), FALSE);
  return self->creates_profile;
}

PbConfiguration *
pb_import_plan_get_current (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), NULL);
  return self->current;
}

PbConfiguration *
pb_import_plan_get_landing (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), NULL);
  return self->landing;
}

GListModel *
pb_import_plan_get_changes (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), NULL);
  return self->changes;
}

gboolean
pb_import_plan_get_keeps_lists (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), FALSE);
  return g_list_model_get_n_items (self->list_changes) > 0;
}

GListModel *
pb_import_plan_get_list_changes (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), NULL);
  return self->list_changes;
}

guint
pb_import_plan_get_n_errors (PbImportPlan *self)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), 0);
  return self->n_errors;
}

guint
pb_import_plan_apply (PbImportPlan  *self,
                      PbStore       *store,
                      const char    *comment,
                      guint64       *generation,
                      PbProfile    **profile_out,
                      GError       **error)
{
  g_return_val_if_fail (PB_IS_IMPORT_PLAN (self), 0);
  g_return_val_if_fail (PB_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  /* As the plan was asked for, name or no name: the store picks the same
   * target within its transaction (and makes a profile it creates for an
   * empty store the default, as planned). */
  return pb_store_import (store, self->profile_name, self->imported, comment,
                          self->creates_profile ? NULL : generation, profile_out, error);
}

static void
apply_job (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  PbImportPlan *self = source_object;
  Call *call = task_data;
  GError *error = NULL;
  guint number = pb_import_plan_apply (self, call->store, call->comment, &call->generation,
                                       &call->profile, &error);

  if (number != 0)
    g_task_return_int (task, number);
  else
    g_task_return_error (task, error);
}

void
pb_import_plan_apply_async (PbImportPlan        *self,
                            PbStore             *store,
                            const char          *comment,
                            guint64              generation,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Call *call;

  g_return_if_fail (PB_IS_IMPORT_PLAN (self));
  g_return_if_fail (PB_IS_STORE (store));

  call = g_new0 (Call, 1);
  call->store = g_object_ref (store);
  call->comment = g_strdup (comment);
  call->generation = generation;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_import_plan_apply_async);
  g_task_set_task_data (task, call, call_free);
  pb_store_run_in_worker (store, task, apply_job);
}

guint
pb_import_plan_apply_finish (PbImportPlan  *self,
                             GAsyncResult  *result,
                             guint64       *generation,
                             PbProfile    **profile_out,
                             GError       **error)
{
  Call *call;
  gssize number;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pb_import_plan_apply_async, 0);

  call = g_task_get_task_data (G_TASK (result));
  number = g_task_propagate_int (G_TASK (result), error);
  if (number <= 0)
    return 0;

  if (generation != NULL)
    *generation = call->generation;
  if (profile_out != NULL)
    *profile_out = g_steal_pointer (&call->profile);
  return number;
}
