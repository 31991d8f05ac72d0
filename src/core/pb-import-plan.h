/* pb-import-plan.h: what importing a file into a profile would do, and doing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-store.h"

G_BEGIN_DECLS

#define PB_TYPE_IMPORT_PLAN (pb_import_plan_get_type ())

G_DECLARE_FINAL_TYPE (PbImportPlan, pb_import_plan, PB, IMPORT_PLAN, GObject)

/* The one import policy, for the CLI and the window alike. The target is
 * the profile named @profile_name (created by the import when new), or
 * without a name the default profile — or, in a store with no profile, a
 * new one named after the file's org (else "Default"). With several
 * profiles and none the default, there is no target: PB_ERROR_NOT_FOUND,
 * saying how to pick one. Planning only reads the store. The plan keeps
 * @imported, which must not change from then on (the _async variant plans
 * on a copy). */
PbImportPlan    *pb_import_plan_new                      (PbStore             *store,
                                                          const char          *profile_name,
                                                          PbConfiguration     *imported,
                                                          GError             **error);
void             pb_import_plan_new_async                (PbStore             *store,
                                                          const char          *profile_name,
                                                          PbConfiguration     *imported,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
PbImportPlan    *pb_import_plan_new_finish               (GAsyncResult        *result,
                                                          GError             **error);

PbConfiguration *pb_import_plan_get_imported             (PbImportPlan        *self);
/* The target's name, and whether the import creates it (and makes it the
 * default, in an empty store). */
const char      *pb_import_plan_get_profile_name         (PbImportPlan        *self);
gboolean         pb_import_plan_get_creates_profile      (PbImportPlan        *self);
/* The target's draft now (empty for a new profile) and what it becomes. */
PbConfiguration *pb_import_plan_get_current              (PbImportPlan        *self);
PbConfiguration *pb_import_plan_get_landing              (PbImportPlan        *self);
/* PbChange items from the current draft to the landing one; empty when the
 * import changes nothing (it still records a revision: docs/decisions.md). */
GListModel      *pb_import_plan_get_changes              (PbImportPlan        *self);
/* A profile whose lists were fetched keeps them and takes only the file's
 * mapping: how the file's lists differ from the kept ones (empty when they
 * do not, or when the file's lists are taken). */
gboolean         pb_import_plan_get_keeps_lists          (PbImportPlan        *self);
GListModel      *pb_import_plan_get_list_changes         (PbImportPlan        *self);
/* Errors the checks find in the landing configuration: it is imported all
 * the same, and cannot be saved or published until they are fixed. */
guint            pb_import_plan_get_n_errors             (PbImportPlan        *self);

/* Records the import (pb_store_import()): one transaction. @generation as
 * in pb_store_save_draft(), for a window that has the target open. Returns
 * the revision number, 0 on error. */
guint            pb_import_plan_apply                    (PbImportPlan        *self,
                                                          PbStore             *store,
                                                          const char          *comment,
                                                          guint64             *generation,
                                                          PbProfile          **profile_out,
                                                          GError             **error);
void             pb_import_plan_apply_async              (PbImportPlan        *self,
                                                          PbStore             *store,
                                                          const char          *comment,
                                                          guint64              generation,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
guint            pb_import_plan_apply_finish             (PbImportPlan        *self,
                                                          GAsyncResult        *result,
                                                          guint64             *generation,
                                                          PbProfile          **profile_out,
                                                          GError             **error);

G_END_DECLS
