"""The portal: the bundled sandbox, signing in and registering, the connection state."""
