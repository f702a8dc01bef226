"""The centre's settings, typed and checked, with a Polish label per key."""
