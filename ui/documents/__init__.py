"""Document preview, printing and the register of issued documents."""
