"""What the user sees: callback data, screens (text + keyboard) and the way they are shown."""
