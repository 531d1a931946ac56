from usage_meter.service import main

main()
