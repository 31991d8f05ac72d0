/* pb-profile.h: one connection (platform account + Salesforce org)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PB_PROFILE_DEFAULT_CALLBACK_PORT 8717

#define PB_TYPE_PROFILE (pb_profile_get_type ())

G_DECLARE_FINAL_TYPE (PbProfile, pb_profile, PB, PROFILE, GObject)

/* Plain value object: PbStore reads and writes it; changing a property does
 * not write anything until pb_store_update_profile(). Secrets never live
 * here. */
PbProfile  *pb_profile_new                      (const char *name);
PbProfile  *pb_profile_copy                     (PbProfile  *self);
const char *pb_profile_get_name                 (PbProfile  *self);
gint64      pb_profile_get_id                   (PbProfile  *self);
void        pb_profile_set_id                   (PbProfile  *self,
                                                 gint64      id);
gboolean    pb_profile_get_is_default           (PbProfile  *self);
void        pb_profile_set_is_default           (PbProfile  *self,
                                                 gboolean    is_default);
const char *pb_profile_get_platform_url         (PbProfile  *self);
void        pb_profile_set_platform_url         (PbProfile  *self,
                                                 const char *url);
const char *pb_profile_get_auth_url             (PbProfile  *self);
void        pb_profile_set_auth_url             (PbProfile  *self,
                                                 const char *url);
const char *pb_profile_get_client_id            (PbProfile  *self);
void        pb_profile_set_client_id            (PbProfile  *self,
                                                 const char *client_id);
const char *pb_profile_get_salesforce_login_url (PbProfile  *self);
void        pb_profile_set_salesforce_login_url (PbProfile  *self,
                                                 const char *url);
const char *pb_profile_get_salesforce_client_id (PbProfile  *self);
void        pb_profile_set_salesforce_client_id (PbProfile  *self,
                                                 const char *client_id);
guint       pb_profile_get_callback_port        (PbProfile  *self);
void        pb_profile_set_callback_port        (PbProfile  *self,
                                                 guint       port);
gboolean    pb_profile_get_sandbox_org          (PbProfile  *self);
void        pb_profile_set_sandbox_org          (PbProfile  *self,
                                                 gboolean    sandbox_org);

G_END_DECLS
