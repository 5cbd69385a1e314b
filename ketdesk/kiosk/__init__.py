"""Kiosk mode: ketdesk running unattended on a waiting-room screen.

One small module per job, wired together by ``controller.Kiosk``:

- ``config``          the kiosk's options (command line beats settings)
- ``window_mode``     fullscreen, frameless, on top, on the chosen screen (also with no WM)
- ``watchdog``        puts the window back after any escape (desktops, layers, unmaps); key grab
- ``x11``             the EWMH facts and requests the watchdog needs, over a private Xlib link
- ``cursor``          hide the mouse pointer when it has not moved for a while
- ``lockdown``        no context menus, no hover tooltips, refused exit keys and close
- ``idle``            the idle timer and the attract loop (reset, rotate, step, hint)
- ``attract_overlay`` the "Touch to explore" hint and the pause/play control
- ``visitor_timeout`` "Still reading? Tap to stay": the countdown before the reset (WCAG 2.2.1)
- ``quiet_hours``     opening hours from the settings (no Qt); ``quiet_screen`` the dark screen outside them
- ``touch``           swipe between panels, drag to scroll
- ``staff_exit``      press-and-hold in the top-left corner or Ctrl+Shift+Alt+K
- ``pin`` / ``pin_pad`` / ``staff_menu`` / ``staff_overlay``  the staff's way out
- ``usage_chart``     the staff menu's chart of the hourly usage counts, and Export (CSV)
- ``pin_state``       the PIN lock-out kept in a 0600 file, so a restart does not reset it
- ``app_events``      what the application-wide event filters above share
- ``inhibit``         keep the screen saver and display sleep away
- ``single_instance`` a second start raises the first window and exits 0
- ``stop_signals``    SIGTERM/SIGHUP/SIGINT: clean up (socket, inhibit), then end by that signal
- ``autostart``       systemd user unit or XDG autostart entry
- ``recovery``        restart after an uncaught exception
- ``supervisor``      the keeper: a parent process that restarts the kiosk after any end but a staff exit
- ``notice``          the calm "one moment" screen the keeper shows while the kiosk restarts
- ``launch``          the checks before start-up and the run itself, called by ``ketdesk.app``

Qt is imported only by the modules that draw or filter events, so ``--set-pin`` and the
autostart commands run without it.
"""
