/* pb-secrets.h: the keyring, and nothing else, holds secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Through libsecret: the Secret Service on a desktop, the secret portal
 * under Flatpak. A secret is filed under its profile's name, its kind, and
 * the server and client id it belongs to, so that changing a profile's URL
 * or client id never hands an old secret to a new server. */
typedef enum
{
  PB_SECRET_PLATFORM_CLIENT_SECRET,  /* server: the auth URL; client: the client id */
  PB_SECRET_SALESFORCE_REFRESH_TOKEN, /* server: the login URL; client: the connected app's id */
  PB_SECRET_SALESFORCE_INSTANCE_URL,  /* where the refresh token's org lives */
} PbSecretKind;

void     pb_secrets_store_async          (const char           *profile,
                                          PbSecretKind          kind,
                                          const char           *server,
                                          const char           *client_id,
                                          const char           *secret,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean pb_secrets_store_finish         (GAsyncResult         *result,
                                          GError              **error);

/* Finish returns NULL without an error when the keyring holds none. Free
 * the secret with pb_secrets_free() (it wipes the memory). */
void     pb_secrets_lookup_async         (const char           *profile,
                                          PbSecretKind          kind,
                                          const char           *server,
                                          const char           *client_id,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
char    *pb_secrets_lookup_finish        (GAsyncResult         *result,
                                          GError              **error);

/* Removes every secret of @profile of @kind, whatever its server; with
 * @all_kinds, every secret of @profile (when the profile is removed). */
void     pb_secrets_clear_async          (const char           *profile,
                                          PbSecretKind          kind,
                                          gboolean              all_kinds,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean pb_secrets_clear_finish         (GAsyncResult         *result,
                                          GError              **error);

/* Wipes, then frees: for secrets and tokens held in memory as well. */
void     pb_secrets_free                 (char                 *secret);

G_END_DECLS
