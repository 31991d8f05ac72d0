/* pb-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secrets never reach the store, an export, a log, a message or a command
 * line: they go from the keyring to memory and back, and memory that held
 * one is wiped when freed (secret_password_free()).
 */
#include "config.h"

#include "pb-secrets.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "pb-remote-error.h"

static const SecretSchema schema = {
  "io.github.presencebridge.PresenceBridge",
  SECRET_SCHEMA_NONE,
  {
    { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static const char *
kind_to_string (PbSecretKind kind)
{
  switch (kind)
    {
    case PB_SECRET_PLATFORM_CLIENT_SECRET:
      return "platform-client-secret";
    case PB_SECRET_SALESFORCE_REFRESH_TOKEN:
      return "salesforce-refresh-token";
    case PB_SECRET_SALESFORCE_INSTANCE_URL:
      return "salesforce-instance-url";
    default:
      g_return_val_if_reached (NULL);
    }
}

static GHashTable *
new_attributes (const char   *profile,
                PbSecretKind  kind,
                const char   *server,
                const char   *client_id)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (attributes, (gpointer)"profile", g_strdup (profile));
  g_hash_table_insert (attributes, (gpointer)"kind", g_strdup (kind_to_string (kind)));
  if (server != NULL)
    g_hash_table_insert (attributes, (gpointer)"server", g_strdup (server));
  if (client_id != NULL)
    g_hash_table_insert (attributes, (gpointer)"client-id", g_strdup (client_id));

  return attributes;
}

/* libsecret's errors, as the administrator's problem to solve. */
static void
return_keyring_error (GTask  *task,
                      GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_new_error (task, PB_REMOTE_ERROR, PB_REMOTE_ERROR_KEYRING,
                           /* Translators: %s is the keyring's own reason */
                           _("The keyring could not be used (%s). Presence Bridge keeps sign-ins and client "
                             "secrets only in the keyring: check that a keyring such as GNOME Keyring is "
                             "running and unlocked"),
                           error->message);
  g_error_free (error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pb_secrets_store_async (const char          *profile,
                        PbSecretKind         kind,
                        const char          *server,
                        const char          *client_id,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (profile != NULL);
  g_return_if_fail (server != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (secret != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_store_async);

  switch (kind)
    {
    case PB_SECRET_PLATFORM_CLIENT_SECRET:
      /* Translators: the name of a keyring entry; %s is a profile name */
      label = g_strdup_printf (_("Presence Bridge: platform client secret for “%s”"), profile);
      break;
    case PB_SECRET_SALESFORCE_REFRESH_TOKEN:
      /* Translators: the name of a keyring entry; %s is a profile name */
      label = g_strdup_printf (_("Presence Bridge: Salesforce sign-in for “%s”"), profile);
      break;
    case PB_SECRET_SALESFORCE_INSTANCE_URL:
      /* Translators: the name of a keyring entry; %s is a profile name */
      label = g_strdup_printf (_("Presence Bridge: Salesforce org address for “%s”"), profile);
      break;
    default:
      g_return_if_reached ();
    }

  attributes = new_attributes (profile, kind, server, client_id);
  secret_password_storev (&schema, attributes, SECRET_COLLECTION_DEFAULT, label, secret,
                          cancellable, on_stored, task);
}

gboolean
pb_secrets_store_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

void
pb_secrets_lookup_async (const char          *profile,
                         PbSecretKind         kind,
                         const char          *server,
                         const char          *client_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (profile != NULL);
  g_return_if_fail (server != NULL);
  g_return_if_fail (client_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_lookup_async);

  attributes = new_attributes (profile, kind, server, client_id);
  secret_password_lookupv (&schema, attributes, cancellable, on_looked_up, task);
}

/**
 * pb_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the secret; %NULL with @error set,
 *   or %NULL alone when there is none
 */
char *
pb_secrets_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    return_keyring_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pb_secrets_clear_async (const char          *profile,
                        PbSecretKind         kind,
                        gboolean             all_kinds,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (profile != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_secrets_clear_async);

  attributes = new_attributes (profile, kind, NULL, NULL);
  if (all_kinds)
    g_hash_table_remove (attributes, "kind");

  secret_password_clearv (&schema, attributes, cancellable, on_cleared, task);
}

gboolean
pb_secrets_clear_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pb_secrets_free (char *secret)
{
  secret_password_free (secret);
}
