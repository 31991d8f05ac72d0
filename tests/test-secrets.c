/* test-secrets.c: the keyring, through libsecret's file backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include <glib/gstdio.h>

#include "pb-remote-error.h"
#include "pb-secrets.h"
#include "pb-test-fixtures.h"

#define PLATFORM_SECRET "s3cr3t-client-value-4242"
#define REFRESH_TOKEN   "5Aep861.refresh-token-value-9999"

/* Under AddressSanitizer (the "asan" test setup): this program writes
 * libsecret's file backend, and GLib 2.74's GIO leaks a string on every
 * such write (tests/sanitizers/lsan-file-keyring.supp says more). */
const char *__lsan_default_suppressions (void);

const char *
__lsan_default_suppressions (void)
{
  return "leak:libgio-2.0.so\n";
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
run_until_done (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static void
store (const char   *profile,
       PbSecretKind  kind,
       const char   *server,
       const char   *client_id,
       const char   *secret)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_secrets_store_async (profile, kind, server, client_id, secret, NULL, on_done, &result);
  g_assert_true (pb_secrets_store_finish (run_until_done (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (const char   *profile,
        PbSecretKind  kind,
        const char   *server,
        const char   *client_id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  pb_secrets_lookup_async (profile, kind, server, client_id, NULL, on_done, &result);
  secret = pb_secrets_lookup_finish (run_until_done (&result), &error);
  g_assert_no_error (error);

  return secret;
}

static void
clear (const char   *profile,
       PbSecretKind  kind,
       gboolean      all_kinds)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pb_secrets_clear_async (profile, kind, all_kinds, NULL, on_done, &result);
  g_assert_true (pb_secrets_clear_finish (run_until_done (&result), &error));
  g_assert_no_error (error);
}

static void
assert_lookup (const char   *profile,
               PbSecretKind  kind,
               const char   *server,
               const char   *client_id,
               const char   *expected)
{
  char *secret = lookup (profile, kind, server, client_id);

  g_assert_cmpstr (secret, ==, expected);
  pb_secrets_free (secret);
}

static void
test_store_lookup_clear (void)
{
  store ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", PLATFORM_SECRET);
  store ("Production", PB_SECRET_SALESFORCE_REFRESH_TOKEN, "https://login.salesforce.com", "3MVG9", REFRESH_TOKEN);
  store ("Production", PB_SECRET_SALESFORCE_INSTANCE_URL, "https://login.salesforce.com", "3MVG9",
         "https://example.my.salesforce.com");
  store ("Staging", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", "other");

  assert_lookup ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1",
                 PLATFORM_SECRET);
  assert_lookup ("Production", PB_SECRET_SALESFORCE_REFRESH_TOKEN, "https://login.salesforce.com", "3MVG9",
                 REFRESH_TOKEN);
  assert_lookup ("Production", PB_SECRET_SALESFORCE_INSTANCE_URL, "https://login.salesforce.com", "3MVG9",
                 "https://example.my.salesforce.com");
  assert_lookup ("Staging", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", "other");

  /* A secret is never handed to another server or another client id. */
  assert_lookup ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://evil.example.net", "client-1", NULL);
  assert_lookup ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-2", NULL);
  assert_lookup ("Production", PB_SECRET_SALESFORCE_REFRESH_TOKEN, "https://test.salesforce.com", "3MVG9", NULL);
  assert_lookup ("Other", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", NULL);

  /* Storing again replaces. */
  store ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", "rotated");
  assert_lookup ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", "rotated");

  /* Signing out clears the Salesforce sign-in of one profile only. */
  clear ("Production", PB_SECRET_SALESFORCE_REFRESH_TOKEN, FALSE);
  assert_lookup ("Production", PB_SECRET_SALESFORCE_REFRESH_TOKEN, "https://login.salesforce.com", "3MVG9", NULL);
  assert_lookup ("Production", PB_SECRET_SALESFORCE_INSTANCE_URL, "https://login.salesforce.com", "3MVG9",
                 "https://example.my.salesforce.com");
  assert_lookup ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", "rotated");

  /* Removing a profile clears all it had, and nothing of another. */
  clear ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, TRUE);
  assert_lookup ("Production", PB_SECRET_SALESFORCE_INSTANCE_URL, "https://login.salesforce.com", "3MVG9", NULL);
  assert_lookup ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", NULL);
  assert_lookup ("Staging", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", "other");

  /* Clearing what is not there is no error. */
  clear ("Nobody", PB_SECRET_PLATFORM_CLIENT_SECRET, TRUE);
}

/* The keyring file holds the secrets encrypted, never as they are. */
static void
test_file_is_encrypted (void)
{
  g_autofree char *contents = NULL;
  gsize length;

  store ("Encrypted", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com", "client-1", PLATFORM_SECRET);
  g_assert_true (g_file_get_contents (g_getenv ("SECRET_FILE_TEST_PATH"), &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, length, PLATFORM_SECRET));
  clear ("Encrypted", PB_SECRET_PLATFORM_CLIENT_SECRET, TRUE);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *secret;

  g_cancellable_cancel (cancellable);
  pb_secrets_lookup_async ("Production", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com",
                           "client-1", cancellable, on_done, &result);
  secret = pb_secrets_lookup_finish (run_until_done (&result), &error);
  g_assert_null (secret);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* A keyring that cannot be opened is a clear error naming the keyring,
 * and never shows the secret. libsecret opens its backend once per
 * process, so this runs in a process of its own. */
static void
test_unusable_keyring (void)
{
  g_autofree char *saved_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  g_autofree char *blocked = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      pb_secrets_store_async ("Broken", PB_SECRET_PLATFORM_CLIENT_SECRET, "https://auth.example.com",
                              "client-1", PLATFORM_SECRET, NULL, on_done, &result);
      g_assert_false (pb_secrets_store_finish (run_until_done (&result), &error));
      g_assert_error (error, PB_REMOTE_ERROR, PB_REMOTE_ERROR_KEYRING);
      g_assert_nonnull (strstr (error->message, "keyring"));
      g_assert_null (strstr (error->message, PLATFORM_SECRET));
      return;
    }

  saved_path = g_strdup (g_getenv ("SECRET_FILE_TEST_PATH"));
  dir = pb_test_make_dir ("pb-test-keyring-XXXXXX");
  file = g_build_filename (dir, "not-a-folder", NULL);
  blocked = g_build_filename (file, "keyring", NULL);
  g_assert_true (g_file_set_contents (file, "x", 1, NULL));

  g_setenv ("SECRET_FILE_TEST_PATH", blocked, TRUE);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_setenv ("SECRET_FILE_TEST_PATH", saved_path, TRUE);
  pb_test_remove_tree (dir);

  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* A test setting only: never the product's default. A subprocess keeps
   * the keyring its parent chose for it. */
  if (g_getenv ("SECRET_FILE_TEST_PATH") == NULL)
    {
      g_autofree char *keyring = NULL;

      dir = pb_test_make_dir ("pb-test-secrets-XXXXXX");
      keyring = g_build_filename (dir, "keyring", NULL);
      g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
    }
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test", TRUE);

  g_test_add_func ("/secrets/store-lookup-clear", test_store_lookup_clear);
  g_test_add_func ("/secrets/file-is-encrypted", test_file_is_encrypted);
  g_test_add_func ("/secrets/cancelled", test_cancelled);
  g_test_add_func ("/secrets/unusable-keyring", test_unusable_keyring);

  status = g_test_run ();
  if (dir != NULL)
    pb_test_remove_tree (dir);
  return status;
}
