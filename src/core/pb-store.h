/* pb-store.h: the local SQLite store (profiles, lists, drafts, history)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pb-configuration.h"
#include "pb-profile.h"
#include "pb-revision.h"

G_BEGIN_DECLS

#define PB_STORE_SCHEMA_VERSION 2

#define PB_TYPE_STORE (pb_store_get_type ())

G_DECLARE_FINAL_TYPE (PbStore, pb_store, PB, STORE, GObject)

/* $PRESENCE_BRIDGE_STORE, else $XDG_DATA_HOME/presence-bridge/store.db. */
char            *pb_store_dup_default_path        (void);

/* Opens (creating it and its folder when missing) and migrates the store.
 * A store of a newer schema: PB_ERROR_STORE_NEWER, file untouched. A corrupt
 * one is renamed aside (with its -wal/-shm) and PB_ERROR_STORE_CORRUPT names
 * the new file name. Every method below is safe to call from any thread
 * (calls are serialised), so views may run them in a GTask thread. */
PbStore         *pb_store_open                    (const char       *path,
                                                   GError          **error);
const char      *pb_store_get_path                (PbStore          *self);

/* Profiles. Names are unique. The default profile is the one marked with
 * pb_store_set_default_profile(), else the only one. */
GListModel      *pb_store_list_profiles           (PbStore          *self,
                                                   GError          **error);
PbProfile       *pb_store_add_profile             (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
gboolean         pb_store_update_profile          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
PbProfile       *pb_store_lookup_profile          (PbStore          *self,
                                                   const char       *name,
                                                   GError          **error);
PbProfile       *pb_store_get_default_profile     (PbStore          *self,
                                                   GError          **error);
gboolean         pb_store_set_default_profile     (PbStore          *self,
                                                   const char       *name,
                                                   GError          **error);
gboolean         pb_store_remove_profile          (PbStore          *self,
                                                   const char       *name,
                                                   GError          **error);

/* The working draft: lists + mapping. A profile with no draft yet gives an
 * empty configuration. Saving the draft is the autosave: it never records a
 * revision. */
PbConfiguration *pb_store_load_draft              (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
gboolean         pb_store_save_draft              (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *draft,
                                                   GError          **error);

/* History. Saving records a revision (numbered 1, 2, … per profile) and makes
 * it the draft, in one transaction. Returns the revision number, 0 on error. */
guint            pb_store_save_revision           (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *configuration,
                                                   const char       *source,
                                                   const char       *comment,
                                                   GError          **error);
GListModel      *pb_store_list_revisions          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
PbConfiguration *pb_store_load_revision           (PbStore          *self,
                                                   PbProfile        *profile,
                                                   guint             number,
                                                   GError          **error);
/* The newest revision, or NULL (no error) when there is none. */
PbConfiguration *pb_store_load_latest_revision    (PbStore          *self,
                                                   PbProfile        *profile,
                                                   GError          **error);
/* Makes revision @number the draft and records that as a new revision
 * (source "restore"), in one transaction. Returns the new number. */
guint            pb_store_restore_revision        (PbStore          *self,
                                                   PbProfile        *profile,
                                                   guint             number,
                                                   GError          **error);

/* Import: the configuration as it would land in @profile. A profile whose
 * lists were fetched keeps them (the org is the truth) and takes the mapping;
 * otherwise the file's snapshots become its lists. */
PbConfiguration *pb_store_prepare_import          (PbStore          *self,
                                                   PbProfile        *profile,
                                                   PbConfiguration  *imported,
                                                   GError          **error);
/* Creates the profile when @profile_name is new (or, when NULL and the store
 * has no profile, one named after the org or "Default", made the default),
 * replaces its draft and records an "import" revision: one transaction, or
 * nothing. Returns the revision number, 0 on error. */
guint            pb_store_import                  (PbStore          *self,
                                                   const char       *profile_name,
                                                   PbConfiguration  *imported,
                                                   const char       *comment,
                                                   PbProfile       **profile_out,
                                                   GError          **error);

G_END_DECLS
