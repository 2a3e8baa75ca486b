


€­â
€ÚÄ	""
""""* * * 2x2samples2count2cpu2nanoseconds2	main.main2main.go2	main.work2	main.leaf