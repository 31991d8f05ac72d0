/* bench-bare-window.c: the yardstick for bench-window's "first content frame"
 *
 * A bare libadwaita application: one AdwApplicationWindow with a header bar
 * and a label, nothing else. bench-window starts it as it starts Presence
 * Bridge and measures both the same way: from process start to the first
 * frame painted with the content in it (here the label), as written on
 * standard output by this process, with the processor time it used until
 * then (all threads, user and system):
 *
 *   first-content-frame MONOTONIC_MICROSECONDS CPU_MICROSECONDS
 *
 * then it closes its window and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <sys/resource.h>

static void
content_painted_cb (GdkFrameClock *clock,
                    GtkWidget     *label)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (label));
  struct rusage usage;

  /* Painted in this frame: mapped and given room. */
  if (!gtk_widget_get_mapped (label) || gtk_widget_get_width (label) <= 0)
    return;

  gdk_display_sync (gtk_widget_get_display (label));
  getrusage (RUSAGE_SELF, &usage);
  g_print ("first-content-frame %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", g_get_monotonic_time (),
           (gint64)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
           usage.ru_utime.tv_usec + usage.ru_stime.tv_usec);
  g_signal_handlers_disconnect_by_func (clock, content_painted_cb, label);
  gtk_window_close (GTK_WINDOW (window));
}

static void
realize_cb (GtkWidget *window,
            GtkWidget *label)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (content_painted_cb), label);
}

static void
activate_cb (GApplication *application)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (application));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Presence Bridge");

  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 760);

  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), label);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) application = NULL;

  application = adw_application_new ("io.github.presencebridge.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (application), argc, argv);
}
