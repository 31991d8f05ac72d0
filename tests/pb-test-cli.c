/* pb-test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pb-test-cli.h"

#include "pb-test-fixtures.h"

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = pb_test_make_dir ("pb-cli-XXXXXX");
  fixture->store = g_build_filename (fixture->dir, "store.db", NULL);
}

void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pb_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->store);
}

/* $PB_CLI after $PB_CLI_WRAPPER's words (valgrind and its options, in the
 * "valgrind" test setup); @child_setup, if any, runs in the child before
 * the CLI starts. */
static GSubprocess *
spawn_cli_full (Fixture              *fixture,
                const char * const   *args,
                GSpawnChildSetupFunc  child_setup)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) wrapper = g_strsplit (g_getenv ("PB_CLI_WRAPPER") ? g_getenv ("PB_CLI_WRAPPER") : "", " ", -1);
  GSubprocess *process;

  for (guint i = 0; wrapper[i] != NULL; i++)
    if (*wrapper[i] != '\0')
      g_ptr_array_add (argv, wrapper[i]);
  g_ptr_array_add (argv, (char *)g_getenv ("PB_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *)args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "PRESENCE_BRIDGE_STORE", fixture->store, TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (child_setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  return process;
}

GSubprocess *
spawn_cli (Fixture            *fixture,
           const char * const *args)
{
  return spawn_cli_full (fixture, args, NULL);
}

static void
run_cli_setup_valist (Fixture              *fixture,
                      Run                  *run,
                      GSpawnChildSetupFunc  child_setup,
                      va_list               args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *arg;

  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  g_ptr_array_add (argv, NULL);

  process = spawn_cli_full (fixture, (const char * const *)argv->pdata, child_setup);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

void
run_cli_valist (Fixture *fixture,
                Run     *run,
                va_list  args)
{
  run_cli_setup_valist (fixture, run, NULL, args);
}

void
run_cli_with_setup (Fixture              *fixture,
                    Run                  *run,
                    GSpawnChildSetupFunc  child_setup,
                    ...)
{
  va_list args;

  va_start (args, child_setup);
  run_cli_setup_valist (fixture, run, child_setup, args);
  va_end (args);
}

void
run_cli (Fixture *fixture,
         Run     *run,
         ...)
{
  va_list args;

  va_start (args, run);
  run_cli_valist (fixture, run, args);
  va_end (args);
}

char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

char *
write_variant (Fixture    *fixture,
               const char *name,
               const char *find,
               const char *replace)
{
  g_autofree char *example = pb_test_data_path ("worked-example.config.json");
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (example, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, find, replace, 1), ==, 1);

  return write_file (fixture, name, text->str);
}

JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}
